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
        'Cette page vous permettra d’ajouter un compte à partir d’un lien otpauth://, d’une image de QR code, ou en saisissant sa clé de configuration à la main. Aucun compte n’a encore été ajouté.',
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
