/**
 * French strings of the Settings page's system cards (`system.*`). Same
 * contract as `fr.ts`.
 */
import type { Catalogue } from './types';

export const systemFr: Catalogue['system'] = {
  updates: {
    heading: 'Mises à jour',
    enabledLabel: 'Rechercher les mises à jour',
    enabledHelp:
      'Désactivé par défaut : Kairos ne contacte alors aucun serveur de mises à jour. Activé, il interroge le flux ci-dessous seulement quand vous cliquez sur « Rechercher maintenant ».',
    endpointLabel: 'Adresse du flux de mises à jour',
    endpointPlaceholder: 'https://github.com/kairos-auth/kairos/releases/latest/download/latest.json',
    endpointHelp:
      'Le latest.json des versions de Kairos, ou celui du miroir de votre organisation. Seules les adresses https sont acceptées. Chaque mise à jour est vérifiée avec la clé de signature de Kairos avant d’être installée.',
    save: 'Enregistrer',
    saved: 'Enregistré.',
    check: 'Rechercher maintenant',
    checking: 'Recherche…',
    checkOff: 'Activez la recherche de mises à jour et enregistrez pour pouvoir rechercher.',
    upToDate: 'Kairos {version} est à jour.',
    available: 'La version {version} est disponible (vous avez la {current}).',
    notesLabel: 'Nouveautés',
    published: 'Publiée le {date}',
    install: 'Installer et redémarrer',
    installing: 'Téléchargement et vérification…',
    loadError: 'Kairos n’a pas pu charger les réglages de mise à jour.',
    saveError: 'Kairos n’a pas pu enregistrer les réglages de mise à jour.',
    checkError: 'Kairos n’a pas pu rechercher de mise à jour.',
    installError: 'La mise à jour n’a pas été installée.',
  },
  startup: {
    heading: 'Démarrage',
    label: 'Ouvrir Kairos à l’ouverture de session',
    help: 'Désactivé par défaut. Activé, votre bureau lance Kairos à chaque ouverture de session sur cet ordinateur : vos codes sont à portée de clic.',
    loadError: 'Kairos n’a pas pu savoir s’il s’ouvre à la connexion.',
    saveError: 'Kairos n’a pas pu changer son ouverture à la connexion.',
  },
};
