//! Errors of frame capture, each with a stable code and EN/FR texts.

use kairos_core::{CoreError, Locale, UserFacing};

#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    #[error("no camera found")]
    NoCamera,
    #[error("camera {camera} is in use by another program")]
    CameraBusy { camera: String },
    #[error("access to camera {camera} is denied")]
    CameraDenied { camera: String },
    #[error("camera {camera} failed: {detail}")]
    CameraFailed { camera: String, detail: String },
    #[error("camera {camera} sends no frame format Kairos reads")]
    CameraFormat { camera: String },
    #[error("no display to capture: {detail}")]
    ScreenNoDisplay { detail: String },
    #[error("{target} capture is not supported on {backend}")]
    ScreenTargetUnsupported {
        target: &'static str,
        backend: &'static str,
    },
    #[error("screen capture failed: {detail}")]
    ScreenFailed { detail: String },
    #[error("window {window:#x} is closed or hidden")]
    WindowGone { window: u32 },
    #[error(
        "region {width}x{height}+{x}+{y} is not inside the {screen_width}x{screen_height} screen"
    )]
    RegionOutside {
        x: i64,
        y: i64,
        width: u32,
        height: u32,
        screen_width: u32,
        screen_height: u32,
    },
    #[error("the desktop portal is unavailable: {detail}")]
    PortalUnavailable { detail: String },
    #[error("the screenshot was cancelled")]
    PortalCancelled,
    #[error("the desktop refused the screenshot")]
    PortalDenied,
    #[error("the desktop portal failed: {detail}")]
    PortalFailed { detail: String },
    #[error("the desktop portal did not answer within {seconds} s")]
    PortalTimeout { seconds: u64 },
    #[error("the clipboard is unavailable: {detail}")]
    ClipboardUnavailable { detail: String },
    #[error("the clipboard holds no image")]
    ClipboardNoImage,
    #[error(transparent)]
    Core(#[from] CoreError),
}

/// "the window" / "de la fenêtre": how each target reads inside a sentence.
fn target_names(target: &str) -> (&'static str, &'static str) {
    match target {
        "window" => ("one window", "d’une fenêtre"),
        "region" => ("an area of the screen", "d’une zone de l’écran"),
        "pick" => (
            "with the system dialog",
            "avec la boîte de dialogue du système",
        ),
        _ => ("the whole screen", "de tout l’écran"),
    }
}

impl UserFacing for CaptureError {
    fn code(&self) -> &'static str {
        match self {
            CaptureError::NoCamera => "capture.no_camera",
            CaptureError::CameraBusy { .. } => "capture.camera_busy",
            CaptureError::CameraDenied { .. } => "capture.camera_denied",
            CaptureError::CameraFailed { .. } => "capture.camera_failed",
            CaptureError::CameraFormat { .. } => "capture.camera_format",
            CaptureError::ScreenNoDisplay { .. } => "capture.screen_no_display",
            CaptureError::ScreenTargetUnsupported { .. } => "capture.screen_target_unsupported",
            CaptureError::ScreenFailed { .. } => "capture.screen_failed",
            CaptureError::WindowGone { .. } => "capture.window_gone",
            CaptureError::RegionOutside { .. } => "capture.region_outside",
            CaptureError::PortalUnavailable { .. } => "capture.portal_unavailable",
            CaptureError::PortalCancelled => "capture.portal_cancelled",
            CaptureError::PortalDenied => "capture.portal_denied",
            CaptureError::PortalFailed { .. } => "capture.portal_failed",
            CaptureError::PortalTimeout { .. } => "capture.portal_timeout",
            CaptureError::ClipboardUnavailable { .. } => "capture.clipboard_unavailable",
            CaptureError::ClipboardNoImage => "capture.clipboard_no_image",
            CaptureError::Core(inner) => inner.code(),
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            CaptureError::NoCamera => locale.pick(
                "No camera found.".to_owned(),
                "Aucune caméra trouvée.".to_owned(),
            ),
            CaptureError::CameraBusy { camera } => locale.pick(
                format!("The camera {camera} is in use by another program."),
                format!("La caméra {camera} est utilisée par un autre programme."),
            ),
            CaptureError::CameraDenied { camera } => locale.pick(
                format!("Kairos is not allowed to use the camera {camera}."),
                format!("Kairos n’a pas le droit d’utiliser la caméra {camera}."),
            ),
            CaptureError::CameraFailed { camera, detail } => locale.pick(
                format!("The camera {camera} failed: {detail}."),
                format!("La caméra {camera} a échoué : {detail}."),
            ),
            CaptureError::CameraFormat { camera } => locale.pick(
                format!("The camera {camera} sends pictures in no format Kairos reads."),
                format!(
                    "La caméra {camera} envoie des images dans un format que Kairos ne lit pas."
                ),
            ),
            CaptureError::ScreenNoDisplay { detail } => locale.pick(
                format!("There is no screen to capture: {detail}."),
                format!("Il n’y a aucun écran à capturer : {detail}."),
            ),
            CaptureError::ScreenTargetUnsupported { target, backend } => {
                let (en, fr) = target_names(target);
                locale.pick(
                    format!("Capturing {en} is not possible on {backend}."),
                    format!("La capture {fr} n’est pas possible sous {backend}."),
                )
            }
            CaptureError::WindowGone { .. } => locale.pick(
                "That window is closed or hidden.".to_owned(),
                "Cette fenêtre est fermée ou masquée.".to_owned(),
            ),
            CaptureError::RegionOutside {
                screen_width,
                screen_height,
                ..
            } => locale.pick(
                format!("The chosen area is not inside the {screen_width}×{screen_height} screen."),
                format!(
                    "La zone choisie n’est pas dans l’écran de {screen_width}×{screen_height}."
                ),
            ),
            CaptureError::PortalUnavailable { detail } => locale.pick(
                format!("The desktop's screenshot service is not available: {detail}."),
                format!("Le service de capture d’écran du bureau n’est pas disponible : {detail}."),
            ),
            CaptureError::PortalCancelled => locale.pick(
                "The screenshot was cancelled.".to_owned(),
                "La capture d’écran a été annulée.".to_owned(),
            ),
            CaptureError::PortalDenied => locale.pick(
                "The desktop did not allow Kairos to take a screenshot.".to_owned(),
                "Le bureau n’a pas autorisé Kairos à faire une capture d’écran.".to_owned(),
            ),
            CaptureError::PortalFailed { detail } => locale.pick(
                format!("The desktop could not take the screenshot: {detail}."),
                format!("Le bureau n’a pas pu faire la capture d’écran : {detail}."),
            ),
            CaptureError::PortalTimeout { seconds } => locale.pick(
                format!("The desktop did not answer within {seconds} seconds."),
                format!("Le bureau n’a pas répondu dans les {seconds} secondes."),
            ),
            CaptureError::ScreenFailed { detail } => locale.pick(
                format!("The screen could not be captured: {detail}."),
                format!("L’écran n’a pas pu être capturé : {detail}."),
            ),
            CaptureError::ClipboardUnavailable { detail } => locale.pick(
                format!("The clipboard cannot be read: {detail}."),
                format!("Le presse-papiers ne peut pas être lu : {detail}."),
            ),
            CaptureError::ClipboardNoImage => locale.pick(
                "The clipboard holds no image.".to_owned(),
                "Le presse-papiers ne contient aucune image.".to_owned(),
            ),
            CaptureError::Core(inner) => inner.message(locale),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        let text = match self {
            CaptureError::NoCamera => locale.pick(
                "Connect a camera, or add the account from an image file, the screen or the clipboard.",
                "Branchez une caméra, ou ajoutez le compte depuis un fichier image, l’écran ou le presse-papiers.",
            ),
            CaptureError::CameraBusy { .. } => locale.pick(
                "Close the other program using it (a video call, a browser tab), or use another source.",
                "Fermez l’autre programme qui l’utilise (un appel vidéo, un onglet de navigateur), ou utilisez une autre source.",
            ),
            CaptureError::CameraDenied { .. } => locale.pick(
                "Allow camera access in the system's privacy settings (on Linux, join the video group), or use another source.",
                "Autorisez l’accès à la caméra dans les réglages de confidentialité du système (sous Linux, rejoignez le groupe video), ou utilisez une autre source.",
            ),
            CaptureError::CameraFailed { .. } | CaptureError::CameraFormat { .. } => locale.pick(
                "Unplug and plug the camera back in, or add the account from an image file, the screen or the clipboard.",
                "Débranchez puis rebranchez la caméra, ou ajoutez le compte depuis un fichier image, l’écran ou le presse-papiers.",
            ),
            CaptureError::ScreenNoDisplay { .. } => locale.pick(
                "Run Kairos inside a desktop session, or open a screenshot as an image.",
                "Lancez Kairos dans une session de bureau, ou ouvrez une capture d’écran comme image.",
            ),
            CaptureError::ScreenTargetUnsupported { .. } => locale.pick(
                "Capture the whole screen or choose with the system dialog instead.",
                "Capturez tout l’écran ou choisissez avec la boîte de dialogue du système.",
            ),
            CaptureError::WindowGone { .. } => locale.pick(
                "Show the window again, refresh the list and choose it once more.",
                "Affichez à nouveau la fenêtre, actualisez la liste et choisissez-la encore.",
            ),
            CaptureError::RegionOutside { .. } => locale.pick(
                "Take a new snapshot and draw the area on it again.",
                "Prenez un nouvel instantané et tracez à nouveau la zone dessus.",
            ),
            CaptureError::PortalUnavailable { .. } => locale.pick(
                "Install xdg-desktop-portal and your desktop's portal backend, or take a screenshot yourself and open it as an image.",
                "Installez xdg-desktop-portal et le module de portail de votre bureau, ou faites vous-même une capture et ouvrez-la comme image.",
            ),
            CaptureError::PortalCancelled => locale.pick(
                "Try again and confirm the screenshot in the desktop's dialog.",
                "Réessayez et confirmez la capture dans la boîte de dialogue du bureau.",
            ),
            CaptureError::PortalDenied => locale.pick(
                "Allow screenshots for Kairos in the desktop's privacy settings, or open a screenshot as an image.",
                "Autorisez les captures d’écran pour Kairos dans les réglages de confidentialité du bureau, ou ouvrez une capture comme image.",
            ),
            CaptureError::PortalFailed { .. } | CaptureError::PortalTimeout { .. } => locale.pick(
                "Try again, or take a screenshot with your desktop's tool and open it as an image.",
                "Réessayez, ou faites une capture avec l’outil du bureau et ouvrez-la comme image.",
            ),
            CaptureError::ScreenFailed { .. } => locale.pick(
                "Try again, or take a screenshot and open it as an image.",
                "Réessayez, ou faites une capture d’écran et ouvrez-la comme image.",
            ),
            CaptureError::ClipboardUnavailable { .. } => locale.pick(
                "Save the picture to a file and open it instead.",
                "Enregistrez l’image dans un fichier et ouvrez-le plutôt.",
            ),
            CaptureError::ClipboardNoImage => locale.pick(
                "Copy the QR code's picture (not its link), then try again.",
                "Copiez l’image du code QR (pas son lien), puis réessayez.",
            ),
            CaptureError::Core(inner) => return inner.hint(locale),
        };
        Some(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<CaptureError> {
        vec![
            CaptureError::NoCamera,
            CaptureError::CameraBusy { camera: "0".into() },
            CaptureError::CameraDenied { camera: "0".into() },
            CaptureError::CameraFailed {
                camera: "0".into(),
                detail: "EIO".into(),
            },
            CaptureError::CameraFormat { camera: "0".into() },
            CaptureError::ScreenNoDisplay {
                detail: "DISPLAY is not set".into(),
            },
            CaptureError::ScreenTargetUnsupported {
                target: "window",
                backend: "Wayland",
            },
            CaptureError::WindowGone { window: 0x40_0001 },
            CaptureError::RegionOutside {
                x: 10,
                y: 10,
                width: 5000,
                height: 20,
                screen_width: 1280,
                screen_height: 800,
            },
            CaptureError::PortalUnavailable {
                detail: "no portal".into(),
            },
            CaptureError::PortalCancelled,
            CaptureError::PortalDenied,
            CaptureError::PortalFailed {
                detail: "response 2".into(),
            },
            CaptureError::PortalTimeout { seconds: 120 },
            CaptureError::ScreenFailed {
                detail: "no display".into(),
            },
            CaptureError::ClipboardUnavailable {
                detail: "no display".into(),
            },
            CaptureError::ClipboardNoImage,
        ]
    }

    #[test]
    fn codes_are_namespaced_and_translated() {
        for err in all() {
            let code = err.code();
            assert!(code.starts_with("capture."), "{code}");
            let (en, fr) = (err.report(Locale::En), err.report(Locale::Fr));
            assert_ne!(en.message, fr.message, "{code}");
            assert_ne!(en.hint, fr.hint, "{code}");
            assert!(en.hint.is_some(), "{code}");
            for report in [en, fr] {
                assert!(report.message.ends_with('.'), "{code}: {}", report.message);
                assert!(!report.one_line().contains('\n'));
            }
        }
    }

    #[test]
    fn core_errors_keep_their_own_code() {
        let err = CaptureError::from(CoreError::QrNotFound {
            origin: "screen".into(),
        });
        assert_eq!(err.code(), "qr.not_found");
    }
}
