/**
 * Textes français de la palette de recherche rapide (`palette.*`) et de
 * l'écran de premier lancement (`welcome.*`). Mêmes clés que `palette.en.ts`.
 */
import type { Catalogue } from './types';

export const paletteFr: Catalogue['palette'] = {
  title: 'Recherche rapide',
  inputLabel: 'Cherchez un compte pour copier son code',
  placeholder: 'Tapez un service ou un compte…',
  results: 'Comptes',
  keys: '↑ ↓ pour se déplacer · Entrée copie le code · Échap ferme',
  noMatch: 'Aucun compte ne correspond à « {query} ».',
  noAccounts: 'Aucun compte pour l’instant : ajoutez-en un depuis la page Ajouter un compte.',
  locked: 'Ouvrez d’abord le coffre : ses comptes apparaissent ici une fois qu’il est déverrouillé.',
  openCodes: 'Aller aux codes',
  loading: 'Chargement des comptes…',
  loadError: 'Kairos n’a pas pu lire les comptes.',
  copied: '{name} : code copié. Le presse-papiers sera vidé dans {seconds} s.',
  copiedNoClear: '{name} : code copié. Le presse-papiers n’est pas vidé automatiquement.',
  noCode: 'pas encore de code',
};

export const welcomeFr: Catalogue['welcome'] = {
  title: 'Bienvenue dans Kairos',
  intro: 'Kairos réunit deux outils dans une même fenêtre. Utilisez l’un, l’autre, ou les deux.',
  halvesLabel: 'Ce que fait Kairos',
  authenticator: {
    title: 'Authentificateur',
    body: 'Garde les codes à usage unique de vos comptes (scannez un QR code, collez un lien ou importez une autre application) et les calcule sur l’heure du réseau : une horloge qui dérive ne fait jamais échouer un code.',
    needs: 'Demande un coffre : créez-le ci-dessous.',
  },
  admin: {
    title: 'Administration Cognito',
    body: 'Pour les administrateurs de groupes d’utilisateurs Amazon Cognito : configurez la MFA d’un groupe, consultez et modifiez celle de chaque utilisateur, et comprenez chaque erreur MFA de Cognito.',
    needs: 'Utilise votre configuration AWS ; aucun coffre nécessaire.',
    open: 'Ouvrir l’administration Cognito',
  },
  setupIntro:
    'Vos secrets restent sur cet ordinateur, dans un coffre chiffré. Choisissez comment sa clé est protégée ; vous pouvez le créer maintenant et ajouter des comptes juste après.',
  noKeyring:
    'Aucun trousseau système n’a été trouvé sur cet ordinateur (aucun service Secret Service, comme GNOME Keyring ou KWallet, n’est lancé). Protégez plutôt le coffre par un mot de passe.',
};

export const a11yFr: Catalogue['a11y'] = {
  skipToPage: 'Aller à la page',
};
