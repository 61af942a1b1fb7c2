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
    #[error("screen capture is not supported in this {session} session")]
    ScreenUnsupported { session: String },
    #[error("screen capture failed: {detail}")]
    ScreenFailed { detail: String },
    #[error("the clipboard is unavailable: {detail}")]
    ClipboardUnavailable { detail: String },
    #[error("the clipboard holds no image")]
    ClipboardNoImage,
    #[error(transparent)]
    Core(#[from] CoreError),
}

impl UserFacing for CaptureError {
    fn code(&self) -> &'static str {
        match self {
            CaptureError::NoCamera => "capture.no_camera",
            CaptureError::CameraBusy { .. } => "capture.camera_busy",
            CaptureError::CameraDenied { .. } => "capture.camera_denied",
            CaptureError::CameraFailed { .. } => "capture.camera_failed",
            CaptureError::CameraFormat { .. } => "capture.camera_format",
            CaptureError::ScreenUnsupported { .. } => "capture.screen_unsupported",
            CaptureError::ScreenFailed { .. } => "capture.screen_failed",
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
            CaptureError::ScreenUnsupported { session } => locale.pick(
                format!("Kairos cannot capture the screen in a {session} session yet."),
                format!("Kairos ne sait pas encore capturer l’écran dans une session {session}."),
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
            CaptureError::ScreenUnsupported { .. } => locale.pick(
                "Take a screenshot with your desktop's tool and open it as an image, or copy it to the clipboard.",
                "Faites une capture d’écran avec l’outil du bureau et ouvrez-la comme image, ou copiez-la dans le presse-papiers.",
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
            CaptureError::ScreenUnsupported {
                session: "Wayland".into(),
            },
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
