# L'interface de Relance en français. Mêmes clés que le fichier anglais ; les nombres passés en
# arguments sont déjà mis en forme pour la langue (1 234,5).

## Cadre
app-name = Relance
privacy-note = Votre fichier est traité dans ce navigateur et n'est jamais envoyé.
privacy-title = Aucune requête réseau ne transporte vos données : la politique de sécurité de la page interdit toute connexion à un autre site.
open-file = Ouvrir un fichier…
language-switch = English
language-switch-label = Switch the interface to English
tab-map = Carte des processus
tab-variants = Variantes
tab-overview = Vue d'ensemble
tab-collections = Recouvrement
tab-insights = Analyses
tab-explore = Explorer
tab-import-report = Rapport d'import
demo-log-name = Journal de démonstration (recouvrement)
demo-badge = Données de démonstration
log-counts = { $cases } dossiers · { $events } événements
demo-banner-title = Vous regardez des données de démonstration :
demo-banner-text = un journal synthétique de crédit et de recouvrement (factures, relances, appels, promesses, litiges, paiements). Pour analyser le vôtre, déposez un fichier CSV, Excel ou XES n'importe où sur cette page ou utilisez
demo-banner-end = . Il est lu dans ce navigateur et n'est jamais envoyé.

## Progression, erreurs, état du moteur
importing = Import en cours…
bytes-read = Octets lus
progress-bytes = { $read } sur { $total }
progress-rows = { $rows } lignes
progress-rate = { $rate } lignes/s
cancel = Annuler
dismiss = Fermer
working = { $what }… { $seconds } s
not-computed-again = Non recalculé après l'arrêt : { $what }.
try-again = Réessayer
starting-engine = Démarrage du moteur…
building-demo = Construction du journal de démonstration…
reloading-demo = Rechargement du journal de démonstration…
reading-file = Lecture de { $name }…

## Carte des processus
map-aria = Carte des processus : glisser ou flèches pour se déplacer, molette ou +/- pour zoomer, 0 pour tout voir, Tab pour parcourir les activités
map-overview-title = Vue d'ensemble : cliquer pour s'y rendre
map-placeholder = La carte apparaît ici une fois un journal chargé.
zoom-in = Zoomer
zoom-out = Dézoomer
fit = Ajuster
fit-label = Ajuster à l'écran
map-settings = Réglages de la carte
map-view = Vue de la carte
frequency = Fréquence
performance = Performance
map-show = Afficher
absolute-frequency = Fréquence absolue
case-frequency = Fréquence par dossier
median-duration = Durée médiane
mean-duration = Durée moyenne
total-duration = Durée totale
maximum-duration = Durée maximale
replay-start = Rejouer les dossiers
replay-stop = Arrêter la relecture
activities-slider = Activités
paths-slider = Chemins
export-svg = Exporter en SVG
export-png = Exporter en PNG
map-stats-activities = { $shown } activités sur { $total }
map-stats-paths = { $shown } chemins sur { $total }
map-stats-cases = { $cases } dossiers
detail-hint = Cliquez sur une activité ou un chemin pour voir ses chiffres.
loading = Chargement…
keep-cases-passing = Ne garder que les dossiers qui passent ici
map-start = Début
map-end = Fin
legend-activities = Activités (événements)
legend-paths-width = Chemins : épaisseur selon { $what }
legend-occurrences = les occurrences
legend-cases = les dossiers
legend-paths-duration = Chemins : couleur selon la durée
legend-aria = Légende
map-node-cases = { $count } dossiers
map-edge-label = de { $from } à { $to }
compare-map-title = La carte des deux : chemins en bleu plus fréquents dans A, en orange plus fréquents dans B

## Relecture des dossiers
replay-aria = Relecture des dossiers
replay-play = Lecture
replay-pause = Pause
replay-time = Moment de la relecture
replay-speed = Vitesse { $speed }
replay-speed-label = Vitesse de relecture
replay-time-mode = Temps
replay-real-time = Temps réel
replay-relative = Depuis le début de chaque dossier
replay-colour-by = Couleur des jetons selon
replay-one-colour = Une seule couleur
replay-by-attribute = Attribut
replay-passes-through = Passe par
replay-sample = { $shown } dossiers sur { $total } (échantillon régulier)
replay-cases = { $shown } dossiers
replay-explain = un jeton attend sur son chemin jusqu'à l'activité suivante ; l'anneau autour d'une activité grandit avec les jetons qui s'y rendent.
replay-record = Enregistrer une vidéo (WebM)
replay-record-stop = Arrêter et enregistrer la vidéo
replay-day = jour { $day } de chaque dossier
replay-class-passes = passe par { $activity }
replay-class-not = ne passe pas par { $activity }
replay-other = autres
replay-none = (aucun)
replay-cannot-record = la relecture ne peut pas être enregistrée dans ce navigateur ({ $why })

## Mots communs
not-available = non disponible
n-a = n.d.
n-a-because = n.d. : { $why }
points = { $value } pts
days-short = { $value } j
interval = { $low } à { $high }
ci-range = IC 95 % { $low } – { $high }
show-these-cases = Voir ces dossiers
col-attribute = Attribut
col-value = Valeur
col-cases = Dossiers
col-these-cases = Ces dossiers
col-the-others = Les autres
col-difference = Écart
col-interval = Intervalle à 95 %
col-q-value = Valeur q
col-p-value = Valeur p
col-excess = Dossiers en excès
col-at-risk = Montant en jeu
col-note = Remarque
col-figure = Indicateur
col-variant = Variante

## Analyses
insights-loading = Recherche de ce qui pèse sur les résultats…
insights-outcome = Résultat
insights-population = { $cases } dossiers dans le filtre actuel
km-median = Médiane de Kaplan–Meier sur toutes les factures, ouvertes comprises : { $days } j
insights-none = Aucune valeur d'aucun attribut ne se détache pour ce résultat une fois tenu compte du grand nombre de valeurs testées (q < 0,05).
insights-chart-title = Écarts par rapport aux autres dossiers, avec intervalles à 95 %
insights-table-title = Constats, par impact
reverses-within = s'inverse à { $by } égal
insights-skipped = { $count ->
    [one] un attribut ou une valeur écarté, et pourquoi
   *[other] { $count } attributs ou valeurs écartés, et pourquoi
}
compare-title = Comparer deux populations
compare-populations = Populations
compare-by-date = Avant / après une date
compare-by-filters = Deux jeux de filtres
compare-keep-a = Garder les filtres actuels comme A
compare-keep-b = Garder les filtres actuels comme B
compare-a-is = A : { $what }
compare-b-is = B : { $what }
compare-not-set = non défini
compare-every-case = tous les dossiers
compare-filters = { $count ->
    [one] un filtre
   *[other] { $count } filtres
}
compare-a-before = A : dossiers commencés avant le
compare-b-after = B : les autres (dans le filtre actuel)
compare-run = Comparer
compare-enter-date = saisissez une date, par exemple 2025-01-01
compare-keep-both = gardez les filtres actuels comme A, modifiez-les, puis gardez-les comme B
compare-sizes = A : { $a } dossiers · B : { $b } dossiers
compare-overlap = { $cases } dossiers dans les deux
compare-headline = Indicateurs principaux
variants-grew = Variantes en hausse dans B
variants-shrank = Variantes en baisse dans B
compare-drivers = Ce qui distingue B de A

## Moteur : détails et graphiques
chart-cases = Dossiers
chart-steps = Étapes
chart-events = Événements
chart-days = jours
chart-events-per-week = événements par semaine
chart-events-per-period = événements par période
chart-effect-rate = écart avec les autres dossiers (points de pourcentage)
chart-effect-duration = écart de médianes avec les autres dossiers (jours)
hit-duration = { $cases } dossiers, { $from } à { $to } jours
hit-duration-last = { $cases } dossiers, { $from } jours ou plus
hit-week = semaine du { $from } : { $events } événements
hit-weeks = { $weeks } semaines à partir du { $from } : { $events } événements
detail-median-wait = Attente médiane
detail-mean-wait = Attente moyenne
detail-p90 = 90e centile
detail-shortest = La plus courte
detail-longest = La plus longue
detail-total = Total
detail-cases = Dossiers
detail-occurrences = Occurrences
detail-events = Événements
detail-starts = Dossiers qui y commencent
detail-ends = Dossiers qui y finissent
detail-before = { $what } avant
detail-by = par { $resource }
dso-simple = DSO (simple)
dso-countback = DSO par épuisement
dso-best-possible = Meilleur DSO possible
dso-add = Retard moyen de paiement (ADD)

## Ce que fait le moteur (Request::label)
doing-building-demo-log = construction du journal de démonstration
doing-reading-start-of-file = lecture du début du fichier
doing-reading-file = lecture du fichier
doing-cancelling = annulation
doing-changing-language = changement de langue
doing-applying-filters = application des filtres
doing-drawing-process-map = tracé de la carte des processus
doing-listing-variants = liste des variantes
doing-computing-overview = calcul de la vue d'ensemble
doing-computing-details = calcul des détails
doing-computing-collections-measures = calcul des indicateurs de recouvrement
doing-finding-cases = recherche des dossiers
doing-computing-heatmaps = calcul des cartes de chaleur
doing-drawing-dotted-chart = tracé du diagramme en points
doing-reading-case = lecture du dossier
doing-listing-values = liste des valeurs
doing-looking-for-what-drives-outcome = recherche de ce qui pèse sur le résultat
doing-comparing-two-populations = comparaison des deux populations
doing-preparing-replay = préparation de la relecture

## Le moteur s'est arrêté
engine-not-restarted = Le moteur s'est arrêté et n'a pas pu redémarrer : rechargez la page.
engine-cancelled = Annulé ({ $what }).
engine-stopped-loading = Le moteur s'est arrêté pendant : { $what } { $name }. Ce fichier demande sans doute plus de mémoire qu'un onglet de navigateur n'en a. Ouvrez-le avec la ligne de commande relance (relance analyze FICHIER), ou lancez les analyses là où sont les données (relance warehouse).
engine-stopped-idle = Le moteur s'est arrêté de façon inattendue ; le journal est rechargé.
engine-stopped = Le moteur s'est arrêté pendant : { $what } (mémoire sans doute épuisée). Le journal est rechargé ; essayez avec un filtre.
the-log = le journal
no-case = aucun dossier : { $what }
too-big = { $name } : ce fichier contient environ { $events } événements et demanderait environ { $gb } Go de mémoire, plus qu'un onglet de navigateur ne peut en contenir (environ { $budget } Go). Ouvrez-le avec la ligne de commande relance (relance analyze « { $name } »), ou lancez les analyses là où sont les données (relance warehouse).

## Documents de synthèse (agrégats calculés là où sont les données)
detail-note = Remarque
summary-title = Synthèse calculée par { $engine } à partir de { $input }.
summary-no-cases = L'accès aux cas n'est pas disponible : le document ne contient que des agrégats, les cas restent là où sont les données.
summary-needs-cases = Il faut les cas, qu'un document de synthèse ne contient pas. { $note }
summary-map-projected = Masquer des activités projette les comptes à partir de toutes les variantes ; les étapes qui enjambent des activités masquées n'ont pas de temps d'attente.
summary-map-shown-only = Les variantes du document ont été plafonnées : masquer des activités ne garde que les étapes entre activités affichées.
summary-variants-capped = { $variants } variantes plus rares ({ $cases } cas) ont été laissées de côté par le plafond.
summary-bridging-edge = Cette étape enjambe des activités masquées : ses temps d'attente ne sont pas dans le document de synthèse.
summary-not-utf8 = { $name } n'est pas un document de synthèse : ce n'est pas du texte UTF-8 (octet { $at }).
summary-unreadable = { $name } n'est pas un document de synthèse ({ $why }). Ouvrez un fichier CSV, XES ou Excel comme journal ; un fichier .json doit être la sortie de relance warehouse, relance bundle ou relance analyze --json.
summary-too-big = { $name } dépasse { $mb } Mo : un document de synthèse ne contient que des agrégats et est bien plus petit.
summary-cases = Cas
summary-events = Événements
summary-activities = Activités
summary-variants = Variantes
summary-median = Durée médiane des cas
summary-mean = Durée moyenne des cas
summary-p90 = 90e centile
summary-longest-case = Cas le plus long
summary-time-span = Période : { $span }
summary-no-charts = L'histogramme des durées et les événements par semaine demandent les cas : non disponibles pour un document de synthèse.
summary-col-activity = Activité
summary-collections-intro = Les indicateurs de recouvrement tels que calculés là où sont les données (noms des champs comme dans relance analyze --json ; n.d. quand le chiffre n'y est pas disponible).
summary-no-collections = Le document n'a pas d'indicateurs de recouvrement : lancez relance warehouse avec --mapping pour les calculer.
summary-cell-missing = Non disponible dans le document
summary-tab-closed = Il faut les cas : non disponible pour un document de synthèse
