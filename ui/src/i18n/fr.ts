/**
 * French message catalogue. Typed as `Catalogue` (derived from `en.ts`): it must
 * have exactly the same keys, each one a string. See `en.ts` for the contract.
 * Typography: non-breaking space before « : ; ? ! » and inside guillemets,
 * curly apostrophe (’), ellipsis character (…).
 */
import type { Catalogue } from './types';

export const fr: Catalogue = {
  app: {
    name: 'Kairos',
    tagline: 'Authentificateur et MFA Cognito',
    startupError: 'Kairos n’a pas pu charger ses informations au démarrage.',
  },
  nav: {
    label: 'Pages',
    codes: 'Codes',
    add: 'Ajouter un compte',
    time: 'Heure',
    admin: 'Administration Cognito',
    enrol: 'Connexion et enrôlement',
    troubleshoot: 'Dépannage',
    settings: 'Paramètres',
  },
  common: {
    dismiss: 'Fermer',
    loading: 'Chargement…',
    firstStep: 'Par où commencer',
    cancel: 'Annuler',
    close: 'Fermer',
    save: 'Enregistrer',
    saving: 'Enregistrement…',
    retry: 'Réessayer',
    show: 'Afficher',
    hide: 'Masquer',
    seconds: '{seconds} s',
  },
  pages: {
    codes: {
      title: 'Codes',
      emptyTitle: 'Aucun compte pour l’instant',
      emptyBody:
        'Vos codes à usage unique apparaîtront ici, chacun renouvelé à la fin de sa période. Les codes sont calculés d’après l’heure du réseau : ils restent valides même si l’horloge de cet ordinateur dérive.',
      firstStep:
        'Ajoutez votre premier compte. Gardez sous la main le QR code ou la clé de configuration que le service affiche quand vous activez son option d’application d’authentification.',
      action: 'Ajouter un compte',
    },
    add: {
      title: 'Ajouter un compte',
      emptyTitle: 'Ajout d’un compte',
      emptyBody:
        'Ajoutez un compte à partir de son lien otpauth://, ou en saisissant sa clé de configuration à la main. Kairos vous montre ce qu’il s’apprête à ajouter avant de l’ajouter, et garde le secret dans votre coffre chiffré.',
      firstStep:
        'Dans les paramètres de sécurité du service à protéger, choisissez de configurer une « application d’authentification », puis gardez sous la main le QR code ou la clé de configuration qu’il vous donne.',
    },
    time: {
      title: 'Heure',
      emptyTitle: 'Pas encore synchronisée',
      emptyBody:
        'Kairos calcule les codes d’après l’heure du réseau plutôt que d’après l’horloge de cet ordinateur : une horloge décalée de plus de quelques secondes produit des codes que les services refusent. L’heure n’a pas encore été synchronisée.',
      firstStep:
        'Rien à faire pour l’instant. Une fois la synchronisation faite, cette page indiquera l’écart entre l’horloge de cet ordinateur et l’heure du réseau, ainsi que la date de la dernière vérification.',
      statusLabel: 'État',
      statusValue: 'Non synchronisée',
    },
    admin: {
      title: 'Administration Cognito',
      emptyTitle: 'Aucun groupe d’utilisateurs ouvert',
      emptyBody:
        'Cette page vous permettra de parcourir les utilisateurs d’un groupe d’utilisateurs Amazon Cognito, de voir comment chacun est configuré pour l’authentification multifacteur (MFA), et de réinitialiser ou d’exiger une application d’authentification.',
      firstStep:
        'Vérifiez d’abord que Kairos peut joindre Cognito avec les identifiants AWS de cet ordinateur.',
    },
    enrol: {
      title: 'Connexion et enrôlement',
      emptyTitle: 'Aucune connexion en cours',
      emptyBody:
        'Cette page vous permettra de vous connecter à un groupe d’utilisateurs Cognito en tant que l’un de ses utilisateurs, puis d’enrôler une application d’authentification pour la MFA étape par étape, en montrant exactement ce que Cognito répond à chaque étape.',
      firstStep:
        'Testez d’abord la connexion à Cognito depuis la page Administration Cognito.',
      action: 'Aller à l’administration Cognito',
    },
    troubleshoot: {
      title: 'Dépannage',
      emptyTitle: 'Catalogue des erreurs',
      emptyBody:
        'Le catalogue des erreurs MFA de Cognito apparaîtra ici : chaque erreur que Cognito peut renvoyer lors de la connexion et de la MFA, ce qu’elle signifie et comment la corriger.',
      firstStep:
        'Quand une opération échoue ailleurs dans Kairos, notez le code d’erreur affiché : vous pourrez le rechercher ici.',
    },
    settings: {
      title: 'Paramètres',
    },
  },
  vault: {
    loading: 'Ouverture de votre coffre…',
    statusError: 'Kairos n’a pas pu connaître l’état de votre coffre.',
    setup: {
      heading: 'Créer votre coffre',
      intro:
        'Kairos garde les secrets de vos comptes dans un coffre chiffré sur cet ordinateur. Choisissez comment le protéger.',
      legend: 'Protéger vos secrets avec',
      keyring: 'Le trousseau du système',
      recommended: 'Recommandé',
      keyringHelp:
        'Le coffre s’ouvre tout seul quand votre session est ouverte sur cet ordinateur : sa clé est gardée par le trousseau du système (GNOME Keyring, KWallet, Trousseau d’accès de macOS ou Gestionnaire d’identification de Windows).',
      keyringUnavailable:
        'Aucun trousseau système n’est disponible sur cet ordinateur : ce choix est donc désactivé. Choisissez un mot de passe, ou démarrez un service de trousseau puis redémarrez Kairos.',
      password: 'Un mot de passe',
      passwordHelp:
        'Vous le saisissez pour déverrouiller Kairos. Si vous l’oubliez, personne ne pourra récupérer vos secrets, pas même Kairos.',
      passwordLabel: 'Mot de passe',
      passwordHelpLength: 'Au moins {min} caractères. Quelques mots sans rapport entre eux font un mot de passe long et facile à retenir.',
      confirmLabel: 'Confirmation du mot de passe',
      create: 'Créer le coffre',
      creating: 'Création…',
      errors: {
        passwordRequired: 'Choisissez un mot de passe.',
        tooShort: 'Le mot de passe doit comporter au moins {min} caractères.',
        mismatch: 'Les deux mots de passe ne sont pas identiques.',
      },
      strength: {
        label: 'Robustesse :',
        tooShort: 'insuffisante, mot de passe trop court',
        weak: 'faible, allongez-le',
        fair: 'moyenne',
        strong: 'bonne',
      },
    },
    unlock: {
      heading: 'Coffre verrouillé',
      passwordIntro: 'Saisissez le mot de passe de votre coffre pour voir vos codes.',
      passwordLabel: 'Mot de passe du coffre',
      submit: 'Déverrouiller',
      busy: 'Déverrouillage…',
      required: 'Saisissez votre mot de passe.',
      keyringIntro: 'Votre coffre est protégé par le trousseau du système.',
      keyringSubmit: 'Déverrouiller avec le trousseau du système',
    },
    lock: 'Verrouiller',
    lockLabel: 'Verrouiller le coffre',
    lockError: 'Kairos n’a pas pu verrouiller le coffre.',
  },
  otp: {
    kind: {
      totp: 'Basé sur l’heure (TOTP)',
      hotp: 'Basé sur un compteur (HOTP)',
      steam: 'Steam Guard',
    },
    algorithm: {
      SHA1: 'SHA-1',
      SHA256: 'SHA-256',
      SHA512: 'SHA-512',
    },
  },
  codes: {
    searchLabel: 'Rechercher des comptes',
    searchPlaceholder: 'Rechercher par service ou par compte',
    searchHelp: 'Raccourci : / ou Ctrl+F. Échap efface la recherche.',
    noMatch: 'Aucun compte ne correspond à « {query} ».',
    clearSearch: 'Effacer la recherche',
    pinned: 'Épinglés',
    others: 'Autres comptes',
    all: 'Comptes',
    keyboardHelp:
      'Cliquez ou appuyez sur Entrée pour copier le code. Les flèches haut et bas passent d’un compte à l’autre, Alt avec une flèche déplace le compte lui-même, E le modifie et Suppr le supprime.',
    accountName: '{issuer} ({label})',
    copied: 'Copié. Le presse-papiers sera vidé dans {seconds} s.',
    copiedNoClear: 'Copié. Le presse-papiers n’est pas vidé automatiquement.',
    copyError: 'Kairos n’a pas pu copier le code.',
    next: 'Suivant',
    nextLabel: 'code suivant {code}',
    remaining: 'encore {seconds} s',
    hotpNext: 'Code suivant',
    hotpNextLabel: 'Code suivant pour {name}',
    hotpNoCode: 'pas encore de code',
    hotpFirst: 'Appuyez d’abord sur « Code suivant » pour obtenir un code.',
    edit: 'Modifier',
    editLabel: 'Modifier {name}',
    warning: 'Attention :',
    added: 'Compte ajouté : {name}.',
    movedUp: 'Compte {name} déplacé vers le haut.',
    movedDown: 'Compte {name} déplacé vers le bas.',
    deleted: 'Compte {name} supprimé.',
    loadError: 'Kairos n’a pas pu charger vos comptes.',
    refreshError: 'Kairos n’a pas pu actualiser les codes.',
    actionError: 'L’opération a échoué.',
  },
  edit: {
    title: 'Modifier le compte',
    issuer: 'Service (émetteur)',
    label: 'Nom du compte',
    pinned: 'Épingler en haut',
    pinnedHelp: 'Les comptes épinglés passent en premier, dans leur propre groupe.',
    position: 'Place dans la liste',
    moveUp: 'Monter',
    moveDown: 'Descendre',
    delete: 'Supprimer…',
    nameRequired: 'Donnez au compte un service, un nom de compte, ou les deux.',
    deleteTitle: 'Supprimer « {name} » ?',
    deleteBody:
      'Kairos oubliera définitivement ce compte et son secret : c’est irréversible. Vérifiez d’abord que vous pouvez encore vous connecter à ce service autrement, par exemple avec des codes de récupération, ou désactivez-y la validation en deux étapes.',
    deleteConfirm: 'Supprimer définitivement',
    deleteBack: 'Le garder',
    deleting: 'Suppression…',
  },
  add: {
    tabsLabel: 'Comment ajouter le compte',
    tabUri: 'Coller un lien',
    tabManual: 'Saisir à la main',
    error: 'Kairos n’a pas pu ajouter le compte.',
    uri: {
      label: 'Lien otpauth://',
      help: 'Le lien contenu dans le QR code du service, qui commence par otpauth://. Kairos montre ce qu’il contient avant d’ajouter quoi que ce soit.',
      placeholder: 'otpauth://totp/Service:vous@example.com?secret=…',
      required: 'Collez d’abord un lien otpauth://.',
      preview: 'Vérifier le lien',
      checking: 'Vérification…',
      confirmHeading: 'Ajouter ce compte ?',
      save: 'Ajouter le compte',
      saving: 'Ajout…',
      change: 'Modifier le lien',
    },
    fields: {
      issuer: 'Service',
      account: 'Compte',
      kind: 'Type',
      algorithm: 'Algorithme',
      digits: 'Chiffres',
      period: 'Période',
      counter: 'Compteur',
      none: 'Aucun',
    },
    manual: {
      issuerLabel: 'Service (émetteur)',
      issuerHelp: 'Par exemple GitHub ou AWS.',
      labelLabel: 'Nom du compte',
      labelHelp: 'En général votre nom d’utilisateur ou votre adresse e-mail sur ce service.',
      secretLabel: 'Clé de configuration',
      secretHelp:
        'La clé affichée par le service, aussi appelée clé secrète ou code texte : lettres de A à Z et chiffres de 2 à 7. Les espaces n’ont pas d’importance.',
      showSecret: 'Afficher la clé de configuration',
      hideSecret: 'Masquer la clé de configuration',
      advanced: 'Options avancées',
      advancedHelp: 'Ne les changez que si le service l’indique.',
      kindLabel: 'Type',
      algorithmLabel: 'Algorithme',
      digitsLabel: 'Nombre de chiffres',
      periodLabel: 'Période (secondes)',
      counterLabel: 'Compteur',
      counterHelp: 'Le compteur du prochain code, en général 0.',
      steamNote: 'Les codes Steam Guard ont toujours 5 caractères, SHA-1 et une période de 30 secondes.',
      save: 'Ajouter le compte',
      saving: 'Ajout…',
      errors: {
        nameRequired: 'Donnez au compte un service, un nom de compte, ou les deux.',
        secretRequired: 'Saisissez la clé de configuration.',
        secretChars:
          'Une clé de configuration ne contient que les lettres de A à Z et les chiffres de 2 à 7 (les espaces et les tirets sont ignorés). Vérifiez les 0, 1 ou 8, souvent confondus avec O, I ou B.',
        digits: 'Choisissez de 6 à 10 chiffres.',
        period: 'Saisissez un nombre entier de secondes, 1 ou plus.',
        counter: 'Saisissez un nombre entier, 0 ou plus.',
      },
    },
  },
  admin: {
    check: {
      heading: 'Tester la connexion',
      intro: 'Liste les groupes d’utilisateurs visibles dans une région, sans rien modifier.',
      regionLabel: 'Région AWS',
      regionHelp: 'Facultatif. Laissez vide pour utiliser la région de votre configuration AWS.',
      regionPlaceholder: 'eu-west-1',
      endpointLabel: 'Point de terminaison personnalisé',
      endpointHelp:
        'Facultatif. Uniquement pour les émulateurs locaux de Cognito ; laissez vide pour utiliser AWS.',
      endpointPlaceholder: 'http://localhost:9229',
      submit: 'Tester la connexion',
      busy: 'Test en cours…',
      result: {
        zero: 'Connecté à {region} : aucun groupe d’utilisateurs.',
        one: 'Connecté à {region} : 1 groupe d’utilisateurs.',
        other: 'Connecté à {region} : {count} groupes d’utilisateurs.',
      },
      viaEndpoint: 'Via le point de terminaison {endpoint}.',
    },
  },
  settings: {
    language: {
      heading: 'Langue',
      label: 'Langue de l’interface',
      help: 'Également utilisée pour les messages d’erreur transmis par le moteur de Kairos.',
      names: {
        en: 'English',
        fr: 'Français',
      },
    },
    security: {
      heading: 'Sécurité',
      clipboardLabel: 'Vider le presse-papiers après (secondes)',
      clipboardHelp:
        'Après la copie d’un code, Kairos vide le presse-papiers au bout de ce nombre de secondes s’il contient encore ce code. 0 signifie jamais.',
      lockLabel: 'Verrouiller après inactivité (minutes)',
      lockHelp:
        'Uniquement pour un coffre protégé par un mot de passe : après ce nombre de minutes sans utilisation, Kairos le verrouille et redemande le mot de passe. 0 signifie jamais. Un coffre protégé par le trousseau du système n’est pas verrouillé de cette façon.',
      lockKeyringNote: 'Votre coffre est protégé par le trousseau du système : ce réglage n’a aucun effet sur lui.',
      save: 'Enregistrer',
      saved: 'Enregistré.',
      loadError: 'Kairos n’a pas pu charger ces réglages.',
      saveError: 'Kairos n’a pas pu enregistrer ces réglages.',
      vaultLocked: 'Ces réglages sont gardés dans votre coffre chiffré : déverrouillez-le pour les voir ou les modifier.',
      noVault: 'Ces réglages sont gardés dans votre coffre chiffré : créez-le d’abord.',
      openVault: 'Aller aux codes',
      errors: {
        clipboard: 'Saisissez un nombre entier de secondes entre 0 et {max}.',
        lock: 'Saisissez un nombre entier de minutes entre 0 et {max}.',
      },
    },
    about: {
      heading: 'À propos',
      version: 'Version',
      dataDir: 'Dossier des données',
      logDir: 'Dossier des journaux',
      unavailable: 'Non disponible',
    },
  },
  errors: {
    notice: {
      codeLabel: 'Code d’erreur',
      hintLabel: 'Que faire :',
    },
    ipc: {
      unknownCommand: {
        message: 'Le moteur de Kairos ne connaît pas la commande « {command} ».',
        hint: 'Cette fenêtre et l’application proviennent de versions différentes de Kairos. Redémarrez Kairos ; si le problème persiste, réinstallez-le.',
      },
      notAllowed: {
        message: 'Cette fenêtre n’est pas autorisée à exécuter la commande « {command} ».',
        hint: 'Cette fenêtre et les autorisations de l’application proviennent de versions différentes de Kairos. Redémarrez Kairos ; si le problème persiste, réinstallez-le.',
      },
      unexpected: {
        message: 'Réponse inattendue du moteur de Kairos à « {command} » : {detail}',
        hint: 'Réessayez. Si cela se reproduit, redémarrez Kairos et consultez son dossier des journaux, indiqué dans les Paramètres.',
      },
      noBackend: {
        message: 'Aucun moteur pour exécuter « {command} » : cette page est ouverte dans un simple navigateur web.',
        hint: 'Lancez l’application de bureau Kairos au lieu d’ouvrir cette page dans un navigateur.',
      },
      noDetail: 'aucun détail',
    },
  },
};
