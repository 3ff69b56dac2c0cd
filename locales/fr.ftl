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
demo-log-name = Journal de démo
demo-badge = Démo
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
insights-outcome-summary = { $outcome } : { $value } sur { $cases } dossiers{ $km }
insights-population = { $cases } dossiers dans le filtre actuel
insights-headline-title = L'essentiel : ce qui va avec le plus d'argent en jeu
insights-clustered = Les factures d'un même client se ressemblent : les intervalles sont élargis par l'effet de plan de chaque groupe par { $column }, pour que quelques gros clients ne passent pas pour beaucoup de factures indépendantes.
subgroup-value = ↳ { $value } (au sein de { $parent })
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
doing-listing-violations = liste de toutes les infractions
doing-computing-heatmaps = calcul des cartes de chaleur
doing-drawing-dotted-chart = tracé du diagramme en points
doing-reading-case = lecture du dossier
doing-listing-values = liste des valeurs
doing-looking-for-what-drives-outcome = recherche de ce qui pèse sur le résultat
doing-comparing-two-populations = comparaison des deux populations
doing-preparing-replay = préparation de la relecture
doing-loading-engine = chargement du moteur du recouvrement, des analyses et de l'exploration avec le journal

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
summary-no-cases = L'accès aux dossiers n'est pas disponible : le document ne contient que des agrégats, les dossiers restent là où sont les données.
summary-needs-cases = Il faut les dossiers, qu'un document de synthèse ne contient pas. { $note }
summary-map-projected = Masquer des activités projette les comptes à partir de toutes les variantes ; les étapes qui enjambent des activités masquées n'ont pas de temps d'attente.
summary-map-shown-only = Les variantes du document ont été plafonnées : masquer des activités ne garde que les étapes entre activités affichées.
summary-variants-capped = { $variants } variantes plus rares ({ $cases } dossiers) ont été laissées de côté par le plafond.
summary-bridging-edge = Cette étape enjambe des activités masquées : ses temps d'attente ne sont pas dans le document de synthèse.
summary-not-utf8 = { $name } n'est pas un document de synthèse : ce n'est pas du texte UTF-8 (octet { $at }).
summary-unreadable = { $name } n'est pas un document de synthèse ({ $why }). Ouvrez un fichier CSV, XES ou Excel comme journal ; un fichier .json doit être la sortie de relance warehouse, relance bundle ou relance analyze --json.
summary-too-big = { $name } dépasse { $mb } Mo : un document de synthèse ne contient que des agrégats et est bien plus petit.
summary-longest-case = Dossier le plus long
summary-time-span = Période : { $span }
summary-no-charts = L'histogramme des durées et les événements par semaine demandent les dossiers : non disponibles pour un document de synthèse.
summary-collections-intro = Les indicateurs de recouvrement tels que calculés là où sont les données (noms des champs comme dans relance analyze --json ; n.d. quand le chiffre n'y est pas disponible).
summary-no-collections = Le document n'a pas d'indicateurs de recouvrement : lancez relance warehouse avec --mapping pour les calculer.
summary-cell-missing = Non disponible dans le document
summary-tab-closed = Il faut les dossiers : non disponible pour un document de synthèse

## Recouvrement
coll-computing = Calcul des indicateurs de recouvrement…
coll-no-roles = Aucune activité de ce journal n'a été reconnue comme une étape de recouvrement. Associez les activités ci-dessous à leur rôle (ou chargez un fichier d'association) pour obtenir ces indicateurs.
coll-key-figures = Chiffres clés
map-the-activities = Associer les activités
invoices-short = { $count } fact.
na-reason = non disponible : { $why }
na-not-recognised = aucune activité reconnue comme { $roles }
na-no-due-date = ni colonne d'échéance ni activité reconnue comme { $roles }
na-never-closes = aucune activité reconnue comme { $roles } : aucune facture ne serait jamais soldée
na-no-paid-invoice-with-due-date = aucune facture payée avec une échéance dans la sélection
na-no-paid-invoice = aucune facture payée dans la sélection
na-no-invoice-before-as-of = aucune facture émise avant la date d'arrêté dans la sélection
na-nothing-collectible = rien n'était recouvrable sur la période : l'encours de début plus les ventes, moins l'encours non échu de fin, est nul ou négatif
na-no-write-off = aucune facture passée en perte dans la sélection
na-no-credit-decision = aucune demande de crédit tranchée dans la sélection
roles-or = { $first } ou { $second }
kpi-on-time = Taux de paiement à l'échéance
kpi-on-time-def = Factures payées au plus tard à leur échéance ÷ factures payées ayant une échéance.
kpi-itc = Délai d'encaissement (médiane)
kpi-itc-def = Jours entre la facture (création, sinon envoi) et le premier paiement reçu ; médiane sur les factures payées.
kpi-itc-p90 = Délai d'encaissement (90e centile)
kpi-itc-p90-def = 90e centile des jours entre la facture et le premier paiement (interpolation linéaire de numpy).
kpi-dso-def = Encours à la dernière fin de mois ÷ ventes à crédit des 3 mois précédents × 91.
kpi-countback = DSO (par épuisement)
kpi-countback-def = L'encours est imputé sur les ventes de chaque mois en remontant le temps : jours des mois entiers, plus la part du dernier mois.
kpi-bpdso-def = Encours non échu ÷ ventes à crédit des 3 derniers mois × 91.
kpi-add-def = DSO simple − meilleur DSO possible.
kpi-cei = CEI (12 mois)
kpi-cei-def = (Encours de début + ventes à crédit − encours de fin) ÷ (encours de début + ventes à crédit − encours non échu de fin) × 100, sur les 12 derniers mois.
kpi-written-off = Passages en perte
kpi-written-off-def = Factures passées en perte et leur part dans l'ensemble des factures ; le montant et la part d'abord confiée à une agence de recouvrement figurent plus bas.
kpi-reissued = Annulées puis réémises
kpi-reissued-def = Factures annulées puis créées ou envoyées de nouveau (reprise).
kpi-credit = Décision de crédit (médiane)
kpi-credit-def = Jours entre une demande de crédit et son acceptation ou son refus.
coll-summary = { $count ->
    [one] { $invoices } facture
   *[other] { $invoices } factures
} · au { $as_of } · passages en perte { $written_off } (dont { $via_agency } d'abord confiés à une agence) · demandes de crédit { $requests } ({ $approved } acceptées, { $rejected } refusées)
drill-written-off = Voir les dossiers passés en perte
drill-late = Voir les payeurs en retard
drill-slowest = Voir les 10 % les plus lents à encaisser
drill-reissued = Voir les factures réémises
dso-chart-title = DSO par fin de mois
receivable-what = Ce qui compte comme créance
receivable-definition = Une créance est une facture : un dossier avec un événement « facture créée » ou « facture envoyée », émise au premier des deux (un dossier sans aucun des deux, comme une demande de crédit refusée avant toute facture, n'en est pas une). Elle est ouverte de son émission jusqu'au premier de ces événements : paiement reçu (le premier paiement), facture soldée, avoir sans paiement ultérieur (avoir total), passage en perte, ou annulation sans réémission ultérieure. Une facture annulée puis réémise compte une fois, depuis sa première émission. Les ventes d'un mois sont les montants des factures émises ce mois-là (le nombre de factures quand le journal n'a pas de montants). Les fins de mois sont minuit, heure locale, le 1er, au décalage UTC de l'événement du journal le plus proche de cet instant (UTC quand le journal n'a pas de décalage).
receivable-definition-ledger = Une créance est une facture : un dossier avec un événement « facture créée » ou « facture envoyée », émise au premier des deux (un dossier sans aucun des deux, comme une demande de crédit refusée avant toute facture, n'en est pas une). En vision comptable, elle est ouverte de son émission jusqu'au premier de ces événements : le paiement imputé (facture soldée ou paiement lettré ; un paiement reçu mais pas encore imputé la laisse ouverte), avoir sans paiement ultérieur (avoir total), passage en perte, ou annulation sans réémission ultérieure. Une facture annulée puis réémise compte une fois, depuis sa première émission. Les ventes d'un mois sont les montants des factures émises ce mois-là (le nombre de factures quand le journal n'a pas de montants). Les fins de mois sont minuit, heure locale, le 1er, au décalage UTC de l'événement du journal le plus proche de cet instant (UTC quand le journal n'a pas de décalage).
basis-label = Les créances se soldent
basis-ledger = au paiement imputé (vision comptable)
basis-cash = au paiement reçu (trésorerie)
basis-said-ledger = Base des créances : la comptabilité (une facture reste ouverte jusqu'à l'imputation de son paiement, son passage en perte ou un avoir total).
basis-said-cash = Base des créances : la trésorerie (une facture se solde à la réception du paiement).
basis-said-fallback = Base des créances : la trésorerie, car le journal n'a aucun événement de lettrage (aucune activité reconnue comme facture soldée ou paiement lettré) ; la vision comptable en a besoin.
dso-headline = DSO, CEI et balance âgée sont donnés à la fin de { $month }, le dernier mois complet.
dso-headline-cut = Cet extrait est coupé : ses factures ont été émises du { $from } au { $to }, et ses événements suivants ne font que s'écouler. DSO, CEI et balance âgée sont donnés à la fin de { $month }, le dernier mois dont les 3 mois de ventes tiennent dans cette fenêtre ; les mois hachurés sont partiels et jamais mis en avant.
dso-headline-none = Aucune fin de mois n'est complète (l'extrait couvre moins des 3 mois de ventes qu'il faut au DSO, ou tous les mois sont partiels) : le DSO n'est pas mis en avant.
dso-partial-legend = mois partiel
col-partial = Partiel
partial-before_issuing = ses 3 mois de ventes commencent avant la première facture de l'extrait
partial-after_issuing = sa fenêtre dépasse la dernière facture de l'extrait
partial-month_not_over = le mois n'est pas fini à la date d'arrêté
kpi-dso-at = DSO ({ $month })
monthly-figures = Chiffres mensuels
col-month = Mois
col-countback = Par épuisement
drill-open = Ouvertes
drill-open-title = Factures ouvertes à cette fin de mois (derrière le DSO)
drill-past-due = Échues
drill-past-due-title = Factures échues à cette fin de mois (derrière l'ADD)
dunning-window = Fenêtre de relance (jours)
promise-grace = Tolérance des promesses (jours)
not-a-number = { $label } : « { $value } » n'est pas un nombre
follows-filters = Chaque chiffre suit les filtres ci-dessus.
aging-title = Balance âgée des créances ouvertes
aging-at = au
aging-current = non échues
col-days-past-due = Jours de retard
col-invoices = Factures
col-amount = Montant
cases-button = Dossiers
dunning-title = Efficacité des relances : payé dans les { $days } jours suivant la relance
col-step = Étape
col-level = Niveau
col-channel = Canal
col-sent = Envoyées
col-paid-in-window = Payées dans la fenêtre
col-rate = Taux
level-final = dernière
unpaid-cases = Dossiers impayés
disputes-title = Litiges par motif
col-reason = Motif
col-resolved = Résolus
col-median = Médiane
col-open = Ouverts
col-open-age = Âge des ouverts
col-credit-note = Avoir
cash-title = Lettrage : reçu → comptabilisé
col-posted-by = Comptabilisé par
col-payments = Paiements
col-median-lag = Délai médian
col-p90-lag = Délai p90
promises-title = Promesses de paiement (tenue : payé à la date promise + { $days } jours)
col-segment = Segment
col-agent = Gestionnaire
col-promises = Promesses
col-kept = Tenues
col-broken = Rompues
col-kept-rate = Taux de tenue
col-pending = En attente
broken-cases = Promesses rompues
broken-cases-label = Dossiers avec une promesse rompue : { $group }
breakdown-title = Ventilation
breakdown-by = par
choose-attribute = (choisir un attribut)
col-on-time = À l'échéance
col-itc = Délai d'encaissement
col-days-late = Jours de retard (médiane)
col-written-off = Passé en perte
col-to-cash-p90 = Encaissement p90
tip-to-cash-p90 = 90e centile du délai d'encaissement
tip-dso = DSO simple à la dernière fin de mois de la série
tip-add = Retard moyen de paiement : DSO − meilleur DSO possible
tip-cei = Indice d'efficacité du recouvrement, 12 derniers mois
col-reminders = Relances
col-paid-after-reminder = Payées après relance
tip-paid-after-reminder = Relances suivies d'un paiement dans la fenêtre
col-disputes = Litiges
col-open-disputes = Litiges ouverts
col-posting-lag = Délai de comptabilisation
tip-posting-lag = Du paiement reçu au paiement comptabilisé
col-credit-decision = Décision de crédit
col-reissued = Réémises
compliance-title = Politique et conformité
load-pack = Charger un jeu de règles…
load-pack-label = Charger un jeu de règles
export-violations = Exporter les infractions en CSV
pack-unreadable = le jeu de règles n'a pas pu être lu
edit = Modifier
save = Enregistrer
edit-pack = Modifier le jeu de règles
pack-json = JSON du jeu de règles
apply = Appliquer
col-rule = Règle
col-source = Source
col-violations = Infractions
col-customers = Clients
cannot-see = Ce que ce contrôle ne peut pas voir
first-of = { $shown } premières sur { $total }
violations-of = infractions à { $rule }
show-cases = Voir les dossiers
activity-roles = Rôles des activités
save-mapping = Enregistrer l'association
load-mapping = Charger une association…
load-mapping-label = Charger un fichier d'association
col-activity = Activité
col-role = Rôle
role-of = Rôle de { $name }
role-reminder-any = relance
role-reminder = Relance (niveau { $level })
role-credit_requested = Crédit demandé
role-credit_approved = Crédit accordé
role-credit_rejected = Crédit refusé
role-invoice_created = Facture créée
role-invoice_sent = Facture envoyée
role-invoice_cancelled = Facture annulée
role-due_date_passed = Échéance dépassée
role-final_notice = Mise en demeure
role-call_attempted = Appel tenté
role-conversation_held = Entretien avec le client
role-promise_to_pay = Promesse de paiement
role-promise_broken = Promesse rompue
role-dispute_raised = Litige ouvert
role-dispute_resolved = Litige résolu
role-credit_note = Avoir
role-payment_received = Paiement reçu
role-payment_posted = Paiement comptabilisé
role-invoice_cleared = Facture soldée
role-sent_to_agency = Confiée à une agence de recouvrement
role-written_off = Passée en perte
role-cease_contact = Arrêt des contacts
role-other = Autre

## Vue d'ensemble
overview-loading = Chargement de la vue d'ensemble…
tile-cases = Dossiers
tile-events = Événements
tile-activities = Activités
tile-variants = Variantes
tile-resources = Ressources
tile-median-duration = Durée médiane d'un dossier
tile-mean-duration = Durée moyenne d'un dossier
tile-p90 = 90e centile
time-span = Période :
chart-case-duration = Durée des dossiers
chart-events-per-week-title = Événements par semaine
activities-title = Activités
col-events = Événements
activities-truncated = Les { $shown } activités les plus fréquentes sur { $total } sont listées (relance analyze les liste toutes).
import-title = Import
full-import-report = Rapport d'import complet
rows-read = { $count ->
    [one] { $rows } ligne lue
   *[other] { $rows } lignes lues
}
rows-skipped = { $rows } écartées
rows-left-out = { $rows } laissées de côté (cycle de vie)
format-from = { $format } depuis { $name }
label-count = { $label } : { $count }
filter-hit = Filtrer : { $what }

## Variantes
variants-title = Variantes
show-selected-on-map = Voir la sélection sur la carte
export-csv = Exporter en CSV
col-select = Sélectionner
col-share = Part
col-cumulative = Cumul
col-median-duration = Durée médiane
col-sequence = Séquence
select-variant = Sélectionner la variante { $rank }
variants-truncated = Les { $shown } premières variantes sur { $total } sont affichées ; l'export CSV les contient toutes.
variant-cases-title = Dossiers des variantes sélectionnées
tick-variants = Cochez des variantes pour lister leurs dossiers.
n-cases = { $count ->
    [one] { $cases } dossier
   *[other] { $cases } dossiers
}

## Barre des filtres
filters-label = Filtres
add-filter = + Filtre
remove-filter = Retirer le filtre { $what }
cases-of = { $kept } dossiers sur { $total }
clear-all = Tout effacer
save-view = Enregistrer la vue
save-view-choice = Enregistrer la vue avec ou sans les données du journal
view-holds-data = Cette vue contient des données du journal : { $what }.
save-without = { $count ->
    [one] Enregistrer sans elles (retire { $count } filtre)
   *[other] Enregistrer sans elles (retire { $count } filtres)
}
save-with = Enregistrer avec elles
load-view = Charger une vue…
load-view-label = Charger un fichier de vue

## Fenêtre des filtres
fd-kind-activities = Activité présente
fd-kind-attribute = Valeurs d'attribut
fd-kind-timeframe = Période
fd-kind-performance = Durée ou taille
fd-kind-variants = Variantes
fd-kind-endpoints = Début et fin
fd-kind-follower = Succession (A puis B)
fd-kind-resources = Ressource
fd-err-activity = cochez au moins une activité
fd-err-resource = cochez au moins une ressource
fd-err-attribute = choisissez un attribut
fd-err-values = cochez des valeurs ou saisissez un intervalle
fd-err-first-day = saisissez le premier jour
fd-err-last-day = saisissez le dernier jour
fd-err-variants-either = saisissez soit un nombre de variantes, soit un minimum de dossiers, pas les deux
fd-err-variants = saisissez un nombre de variantes ou de dossiers
fd-err-perf-either = saisissez soit une durée, soit un nombre d'événements, pas les deux
fd-err-perf = saisissez une durée ou un nombre d'événements
fd-err-endpoints = cochez une activité de début ou de fin
fd-err-a = cochez une activité A
fd-err-b = cochez une activité B
fd-check-numbers = Vérifiez les nombres du filtre : { $what }.
fd-fill-in = Complétez d'abord le filtre : { $what }.
fd-title = Ajouter un filtre
fd-kind = Type
fd-keep = Garder les dossiers concernés
fd-remove = Les retirer
fd-choose = (choisir)
fd-or-tick = …ou cochez des valeurs ci-dessous
fd-from = Du
fd-to-inclusive = Au (inclus)
fd-mode-intersecting = qui recoupent la période
fd-mode-contained = contenus dans la période
fd-mode-started = commencés dans la période
fd-mode-completed = terminés dans la période
fd-mode-trim = couper les événements à la période
fd-top-k = Les k premières variantes
fd-min-cases = ou les variantes d'au moins N dossiers
fd-dur-from = Durée de (jours)
fd-to-days = à (jours)
fd-events-from = ou nombre d'événements de
fd-to = à
fd-directly = directement (événement suivant)
fd-within = en moins de (jours)
fd-after = après au moins (jours)
fd-add = Ajouter le filtre
fd-containing = Dossiers contenant l'une de
fd-event-by = Dossiers avec un événement de
fd-values = Valeurs
fd-starts = Commence par
fd-ends = Finit par
fd-a = A
fd-then-b = puis B
fd-keep-or-remove = Garder ou retirer
fd-range-from = De (min { $min })
fd-range-to = À (max { $max })

## Rapport d'import, lecture, modèle de données, feuilles
ir-title = Rapport d'import
ir-file = Fichier
ir-encoding = Encodage
ir-delimiter = Séparateur
ir-rows-read = Lignes lues
ir-rows-skipped = Lignes écartées
ir-rows-filtered = Lignes filtrées (cycle de vie)
ir-timestamps = Horodatages
ir-problems = Problèmes
ir-line = Ligne
ir-column = Colonne
ir-problem = Problème
delim-tab = tabulation
delim-comma = virgule ,
delim-semicolon = point-virgule ;
delim-pipe = barre verticale |
delim-other = autre
mapping-dates = Dates comme 03/04/2024
mapping-auto = selon le fichier
mapping-day-first = jour en premier (3 avril)
mapping-month-first = mois en premier (4 mars)
mapping-complete-only = Seulement les événements « complete » du cycle de vie
mapping-import = Importer
xes-lifecycle = Ce journal XES enregistre les transitions du cycle de vie (comme schedule, start et complete) de ses activités.
mapping-title = Vérifiez comment lire
mapping-role-of = Rôle de la colonne { $name }
mapping-time-preview = Horodatages lus comme des instants UTC, par exemple { $raw } → { $read }
mapping-unreadable = illisible
mapping-unreadable-count = { $count ->
    [one] { $unreadable } valeur illisible sur { $total } dans l'aperçu
   *[other] { $unreadable } valeurs illisibles sur { $total } dans l'aperçu
}
mapping-choose = Choisissez une colonne pour : { $what }
xes-import = Importer { $name }
xes-complete-only = Ne garder que les événements « complete » (chaque activité une fois par exécution, comme l'affichent Disco et ProM)
colrole-case = Identifiant du dossier
colrole-activity = Activité
colrole-timestamp = Horodatage
colrole-start_timestamp = Horodatage de début
colrole-resource = Ressource
colrole-lifecycle = Cycle de vie
colrole-amount = Montant
colrole-currency = Devise
colrole-customer = Client
colrole-segment = Segment
colrole-due_date = Échéance
colrole-channel = Canal
colrole-dunning_level = Niveau de relance
colrole-dispute_reason = Motif de litige
colrole-promise_date = Date promise
colrole-attribute = Attribut
colrole-ignore = Ignorer
dm-hint = Chaque table est reliée par sa colonne clé (le numéro de facture). Une table à une ligne par clé donne un événement par colonne de date ; une table à plusieurs lignes par clé donne un événement par ligne. La première table définit les dossiers.
dm-rows-per-key = Lignes par clé
dm-wide = une (postes ouverts) : les dates sont des événements, le reste décrit le dossier
dm-long = plusieurs (historique) : chaque ligne est un événement
dm-make-main = En faire la table principale
dm-example = Par exemple
dm-use = Usage
dm-activity-name = Nom de l'activité
dm-join = Joindre et importer
dm-need-key = une colonne clé pour { $table }
dm-need-event = au moins une colonne de date utilisée comme événement
dm-title = Joindre { $count } tables en un seul journal
dm-rows = { $count ->
    [one] { $rows } ligne
   *[other] { $rows } lignes
}
dm-main-table = table principale
dm-use-key = clé (identifiant du dossier)
dm-use-event = événement (date)
dm-use-activity = nom de l'activité
dm-use-attribute = attribut
dm-use-ignore = ignorer
dm-activity-name-for = Nom de l'activité pour { $name }
dm-choose = Choisissez { $what }
sheet-sheets = Feuilles
sheet-read = Lire cette feuille
sheet-which = Quelle feuille de
sheet-which-end =  ?
sheet-no-table = aucune table trouvée
sheet-detail = { $columns ->
    [one] { $columns } colonne
   *[other] { $columns } colonnes
} ({ $names }) · { $rows } lignes vues{ $dates ->
    [yes] {" · dates"}
   *[no] {""}
}

## Explorer
ex-views = Vues d'exploration
ex-bottlenecks = Goulots d'étranglement
ex-calendar = Jour × heure
ex-resources = Ressource × activité
ex-dotted = Diagramme en points
ex-cases = Explorateur de dossiers
ce-case-id = Identifiant du dossier
ce-find = Chercher
ce-next = Suivant →
ce-prev = ← Précédent
ce-none = Aucun dossier de ce nom (ou aucun dossier dans la sélection actuelle).
ce-time = Heure (UTC)
ce-offset = Décalage
ce-wait = Attente
ce-attributes = Attributs
ce-title = Dossier { $id }
ce-position = { $position } sur { $total } dossiers sélectionnés
ce-not-selected = hors de la sélection actuelle
ce-events = { $count ->
    [one] { $events } événement
   *[other] { $events } événements
} · durée { $duration }
dc-rows-by = Lignes selon
dc-start = début du dossier
dc-duration = durée (les plus longs d'abord)
dc-relative = temps depuis le début du dossier
dc-aria = Diagramme en points : cliquez sur une ligne pour ouvrir son dossier
dc-count = { $cases } dossiers, { $events } événements
dc-omitted = { $omitted } dossiers de plus non dessinés
hm-wait-title = Attente entre activités
hm-colour-by = Couleur selon
hm-median = médiane
hm-mean = moyenne
hm-total = total
hm-hint = Lignes : de ; colonnes : vers. Triées par impact (occurrences × attente médiane). Cliquez sur une case pour ne garder que les dossiers qui ont cette étape.
hm-from-to = de \ vers
hm-split = Répartir les étapes les plus lentes par
hm-by-resource = ressource (qui a fait l'étape)
hm-group-step = groupe \ étape
hm-events = événements
hm-wait-there = attente médiane qui s'y termine
hm-day-hour = jour \ heure
hm-res-title = Ressource × activité : temps médian jusqu'à l'étape suivante
hm-res-act = ressource \ activité
hm-who-slow = Qui est lent, et où
hm-cal-title = Jour de la semaine × heure (heure locale du fichier)
hm-step-title = { $from } → { $to } : { $count ->
    [one] { $steps } étape
   *[other] { $steps } étapes
}, médiane { $median }, moyenne { $mean }, p90 { $p90 }, total { $total }
hm-keep-step = { $title }. Ne garder que les dossiers qui ont cette étape.
hm-group-title = { $group } : { $from } → { $to }, { $count ->
    [one] { $steps } étape
   *[other] { $steps } étapes
}, médiane { $median }
hm-keep-steps = { $title }. Ne garder que les dossiers qui ont ces étapes.
hm-cal-wait = { $day } { $hour } h : { $count ->
    [one] { $events } événement
   *[other] { $events } événements
}, attente médiane { $wait }
hm-cal-events = { $day } { $hour } h : { $count ->
    [one] { $events } événement
   *[other] { $events } événements
}
hm-keep-then = { $title }. Ne garder que les dossiers avec un événement à ce moment.
hm-res-cell = { $resource }, { $activity } : { $count ->
    [one] { $events } événement
   *[other] { $events } événements
}, médiane de { $median } jusqu'à l'étape suivante
hm-keep-events = { $title }. Ne garder que les dossiers avec ces événements.
day-mon = lun.
day-tue = mar.
day-wed = mer.
day-thu = jeu.
day-fri = ven.
day-sat = sam.
day-sun = dim.

## Fichiers et messages
drop-message = Déposez votre journal d'événements (CSV, XES, .gz), un classeur, un fichier Parquet ou plusieurs tables
drop-private = Il est lu ici, dans votre navigateur. Rien n'est envoyé.
open-file-label = Ouvrir un journal d'événements, un classeur ou plusieurs tables
choose-file-first = choisissez d'abord un fichier
reader-not-started = Le lecteur de classeurs n'a pas pu démarrer.
no-sheet-table = { $name } : aucune feuille ne contient de table (une ligne d'en-tête au-dessus de lignes de données)
internal-no-table = erreur interne : la table convertie n'est pas arrivée
doing-working = travail en cours
rows-read-label = Lignes lues

## Moteur : erreurs et libellés des explorations
err-no-file = aucun fichier n'était joint
err-demo = le journal de démonstration n'a pas pu être construit : { $error }
err-slice = impossible de découper le fichier
err-read-file = le navigateur n'a pas pu lire le fichier
err-no-log = aucun journal n'est chargé
err-open-collections = ouvrez d'abord la vue Recouvrement
err-open-insights = ouvrez d'abord la vue Analyses
drill-label-written-off = passés en perte
drill-label-paid-late = payés en retard
drill-label-aging = ouverts, { $bucket } jours de retard
drill-label-aging-current = ouverts, non échus
drill-label-dunning = { $activity } par { $channel }, impayés
drill-label-disputes = litiges : { $reason }
drill-label-cash = comptabilisés par { $resource }
drill-label-broken = promesses rompues : { $group }
drill-label-past-due = échus à la fin de { $month }
drill-label-open = ouverts à la fin de { $month }
drill-label-slowest = délai d'encaissement ≥ { $days } jours (p90)
drill-label-reissued = annulés puis réémis
err-finding-gone = ce constat n'est plus affiché : relancez le calcul des analyses
err-nothing-to-compare = rien à comparer : la population A compte { $a } dossiers et B { $b }
export-file = Exporter { $file }
reading-table = Lecture de la table…
ir-format = Format
ir-columns = Dossier / activité / horodatage
ir-import-time = Durée de l'import

## Export d'images
png-not-prepared = l'image n'a pas pu être préparée
png-too-large-canvas = le navigateur refuse un canevas aussi grand
png-not-drawn = l'image n'a pas pu être dessinée
png-too-large = l'image est trop grande pour être encodée
png-not-encoded = l'image n'a pas pu être encodée
png-svg-unreadable = le navigateur n'a pas pu lire le SVG
png-failed = L'export PNG a échoué : { $why }. L'export SVG peut encore fonctionner.
setting-days-range = { $label } : il faut un nombre de jours entre 0 et { $max }, et non { $value }
open-summary = Ouvrir une synthèse…
open-summary-label = Ouvrir une synthèse calculée là où sont les données (sortie de relance warehouse ou relance bundle, .json)
reader-stopped = La lecture du fichier s'est arrêtée : elle demande sans doute plus de mémoire qu'un onglet de navigateur n'en a. Ouvrez-le avec la ligne de commande relance (relance analyze FICHIER).

## Les phrases de l'import du moteur (src/engine_words.rs)
imp-field-count = { $fields } champs alors que l'en-tête a { $columns } colonnes ; lu aussi loin que possible
imp-no-case = pas d'identifiant de dossier
imp-no-activity = pas d'activité
imp-no-timestamp = pas d'horodatage
imp-unreadable-time = « { $value } » ne se lit pas comme une date et une heure
imp-naive-utc = horodatages sans fuseau horaire, lus en UTC : { $count }
imp-utf16-broken = { $count } demi-caractères UTF-16 orphelins (ou un dernier octet isolé) remplacés par U+FFFD : le texte du fichier est abîmé à cet endroit
imp-mixed-encoding = le fichier mêle du texte UTF-8 et Windows-1252 ; les champs qui n'étaient pas de l'UTF-8 valide ont été lus en Windows-1252
imp-bad-starts = colonne « { $column } » : { $count } heures de début illisibles (la première ligne { $line } : « { $value } »), laissées vides
imp-date-order-loser = { $order ->
    [month-first] date invalide quand le fichier est lu mois en premier
   *[other] date invalide quand le fichier est lu jour en premier
}
imp-start-order-losers = colonne « { $column } » : { $count } heures de début invalides en lisant { $order ->
    [month-first] le mois
   *[other] le jour
} en premier (par ex. ligne { $line } : « { $value } »), laissées vides
imp-start-after-end = colonne « { $column } » : { $count } heures de début postérieures à la fin de leur événement (la première ligne { $line } : début { $start }, fin { $end }), laissées vides
imp-case-conflicts = colonne « { $column } » : { $count } dossiers ont plusieurs valeurs ; chacun garde la première (par ex. dossier « { $case } » : « { $kept } » gardée, « { $ignored } » ignorée)
imp-date-order-ambiguous = l'ordre jour/mois ne se déduit pas des dates ({ $count } valeurs comme 03/04 se lisent dans les deux sens) : lu jour en premier ; choisissez « mois en premier » pour l'inverse
imp-date-order-disagree = les dates ne s'accordent pas sur l'ordre jour/mois ({ $day_first } valides seulement jour en premier, { $month_first } seulement mois en premier) : lu { $order ->
    [month-first] mois en premier
   *[other] jour en premier
}
imp-bad-numbers = { $count ->
    [one] colonne « { $column } » : une valeur ne se lit pas comme un nombre (« { $value } »), laissée vide
   *[other] colonne « { $column } » : { $count } valeurs ne se lisent pas comme des nombres (par ex. « { $value } »), laissées vides
}
imp-bad-dates = { $count ->
    [one] colonne « { $column } » : une valeur ne se lit pas comme une date (« { $value } »), laissée vide
   *[other] colonne « { $column } » : { $count } valeurs ne se lisent pas comme des dates (par ex. « { $value } »), laissées vides
}
imp-repeated-column = le nom de colonne « { $name } » apparaît { $count } fois : lu comme { $names }
imp-repeated-columns-more = { $count } autres noms de colonnes apparaissent plusieurs fois ; leurs répétitions sont numérotées de la même façon
imp-read-sheet = lu depuis la feuille « { $sheet } » du classeur
imp-date-kept-as-attribute = { $table } : « { $column } » se lit comme { $role ->
    [promise_date] une date de promesse
   *[other] une échéance
} et reste un attribut (les mesures de recouvrement l'utilisent) ; faites-en un événement dans le modèle pour le voir sur la carte
imp-table-no-date = { $table } : aucune colonne de date, donc aucun événement ; ses colonnes sont des attributs
imp-rows-without-key = { $table } : { $count } lignes sans « { $key } » ont été écartées
imp-orphan-keys = { $table } : { $keys } clés ({ $rows } lignes) absentes de { $main } (par ex. { $examples }) ; leurs événements sont gardés comme dossiers sans ligne dans cette table
imp-repeated-keys = { $table } : lue comme une ligne par clé, mais { $keys } clés ont plusieurs lignes (par ex. { $examples }) ; la première ligne donne les attributs du dossier, chaque ligne ses événements
imp-unreadable-date-cells = { $count } cellules de date ne se lisent pas comme des dates et ne donnent aucun événement (par ex. { $examples })
imp-sheet-title-rows = feuille « { $sheet } » : l'en-tête est sur sa ligne { $row } ({ $count } lignes de titre au-dessus ont été ignorées)
imp-sheet-empty-headers = feuille « { $sheet } » : { $count } cellules d'en-tête sont vides (une cellule fusionnée garde son texte dans la première) et ont été nommées « Column N »
imp-sheet-cut-cells = feuille « { $sheet } » : { $count } cellules à droite de la dernière colonne du tableau n'ont pas été lues
imp-sheet-error-cells = feuille « { $sheet } » : { $count } cellules en erreur (#N/A, #VALEUR!, ...) ont été lues comme vides
imp-parquet-nested = { $count } colonnes Parquet imbriquées (groupes, listes, maps) ont été laissées de côté : { $columns }
imp-read-sheet-of = lu depuis la feuille « { $sheet } » de { $file }
imp-xes-ends-in-tag = le fichier s'arrête au milieu d'une balise (tronqué ?)
imp-xes-ends-in-trace = le fichier s'arrête au milieu d'une trace (tronqué ?) ; les événements complets de la trace sont gardés
imp-xes-stray-events = { $count } éléments <event> n'appartiennent pas à une trace (directement sous <log>, ou dans <list>, <container>, des éléments inconnus ou avec espace de noms) et n'ont pas été lus ; le premier ligne { $line }
imp-xes-global-name = { $count } événements n'ont pas de concept:name ; le journal déclare « { $default } » par défaut (<global scope="event">), ce qui n'est pas appliqué, comme pm4py : ces événements sont ignorés
imp-xes-missing-ends-opening = il manque { $missing } avant ce { $tag } ; fermé ici
imp-xes-missing-ends = il manque { $missing } avant { $tag } ; fermé ici
imp-xes-nameless-end = une balise fermante sans nom (</>) ; ignorée
imp-xes-unopened-end = { $tag } ne ferme aucun élément ouvert ; ignorée
imp-xes-nameless-traces = certaines traces n'ont pas de concept:name ; elles sont nommées « trace N » d'après leur position dans le fichier
imp-xes-no-name = un événement de la trace « { $trace } » n'a pas de concept:name
imp-xes-no-time = un événement de la trace « { $trace } » n'a pas de time:timestamp
imp-kind-missing-case = identifiant de dossier manquant
imp-kind-missing-activity = activité manquante
imp-kind-missing-timestamp = horodatage manquant
imp-kind-unreadable-timestamp = horodatage illisible
imp-kind-field-count = nombre de champs incorrect
imp-kind-malformed = XML mal formé
imp-first-problems = Les { $count } premiers problèmes sont listés.
file-error = { $name } : { $message }
err-columns-more = { $list } et { $more } autres
err-empty = le fichier est vide
err-missing-role = aucune colonne « { $role } » parmi { $columns } ; désignez-en une
err-unknown-column = aucune colonne nommée « { $name } » ; le fichier a { $columns }
err-header-mismatch = l'en-tête a { $found } colonnes ({ $found_list }) mais le paramétrage a été fait pour { $expected } ({ $expected_list })
err-no-events = aucun événement n'a pu être lu : { $rows } lignes, { $skipped } ignorées
err-no-events-first = aucun événement n'a pu être lu : { $rows } lignes, { $skipped } ignorées (la première : ligne { $line }, colonne « { $column } » : { $problem })
err-gzip = le fichier ne se décompresse pas : { $detail }
err-io = le fichier ne se lit pas : { $detail }
err-out-of-memory = mémoire épuisée après { $rows } lignes : le journal est trop volumineux pour cet onglet ; lancez les analyses là où sont les données (relance warehouse)
err-need-more-head = il faut lire davantage du fichier pour deviner comment le lire

## Vue Prévision (features/forecast)
tab-forecast = Prévision
doing-forecasting = prévision des factures ouvertes
doing-writing-worklist = écriture de la liste d'appels
err-open-forecast = ouvrez d'abord la vue Prévision
fc-computing = Prévision des factures ouvertes et contrôle sur le passé…
fc-as-of = À la date du
fc-as-of-end = Revenir à la fin du journal
fc-as-of-help = Tout est appris des événements jusqu'à la fin de ce jour ; le contrôle rejoue la même prévision à des dates passées.
fc-key-figures = Le portefeuille ouvert
fc-open-invoices = Factures ouvertes
fc-open-invoices-def = Factures émises et ni payées, ni passées en perte, ni annulées à la fin du { $as_of }.
fc-open-amount = Montant ouvert
fc-open-amount-def = La somme des montants des factures ouvertes (une facture sans montant est comptée, pas ajoutée).
fc-at-risk = Montant exposé
fc-at-risk-def = Σ montant × probabilité d'être payée en retard (après l'échéance) ou jamais.
fc-past-due = Échues
fc-past-due-def = Factures ouvertes dont l'échéance est passée à la date choisie : en retard quoi qu'il arrive.
fc-no-open-invoices = Aucune facture n'est ouverte à la fin du { $as_of } : rien à prévoir.
fc-chips = Restreindre la liste
fc-chip-past-due = Échues
fc-chip-likely-late = Retard probable (≥ 50 %)
fc-chip-dispute = Litige ouvert
fc-chip-thin = Historique mince
fc-chip-not-dated = Sans date
fc-worklist-title = Liste d'appels, par montant exposé
fc-worklist-count = { $shown } factures ouvertes affichées sur { $total } (les { $max } premières)
fc-worklist-csv = CSV, toutes les { $total }
fc-baseline-column-note = Sur ce journal, la prévision ne fait pas mieux que la meilleure référence : utilisez la date de référence.
fc-thin-badge = Historique mince : la date s'appuie sur des factures semblables
fc-cash-title = Encaissements attendus par semaine, { $weeks } prochaines semaines
fc-cash-caption = Barres : encaissement attendu (montant × chance d'être payée cette semaine, pertes déduites). Moustaches : 10e à 90e centile des simulations, élargies autant que le contrôle sur le passé l'a montré nécessaire.
chart-cash-amount = Encaissement attendu par semaine ({ $currency })
chart-cash-amount-plain = Encaissement attendu par semaine
chart-cash-invoices = Factures attendues payées par semaine
fc-figure-forecast = Prévision
fc-figure-write-off = Probabilité de perte
fc-figure-backtest = Contrôle sur le passé
fc-figure-customers = Habitudes des clients
fc-backtest-title = Ce qu'aurait donné la prévision sur le passé de ce journal
fc-backtest-none = Le contrôle sur le passé n'est pas disponible.
fc-backtest-cutoffs = Prévisions faites au { $cutoffs }, chacune avec ce qu'on savait alors, jugées sur ce qui s'est passé dans les { $horizon } jours suivants.
fc-loses-use-baseline = Les dates à retenir sont celles de la référence : { $baseline } (colonne « Date de référence » de la liste).
fc-baseline-due = l'échéance
fc-baseline-customer = l'échéance plus le retard moyen du client
fc-mae = Erreur de la prévision
fc-mae-def = Écart absolu moyen de la date de paiement attendue, en jours, sur { $invoices } factures payées après une date de coupure.
fc-mae-due = Référence : échéance
fc-mae-due-def = Le même écart pour « payée à l'échéance » (le lendemain si elle est déjà échue).
fc-mae-customer = Référence : habitude du client
fc-mae-customer-def = Le même écart pour « échéance plus le retard moyen du client » (celui de tous pour un nouveau client).
fc-brier = Score de Brier, retard
fc-brier-def = Erreur quadratique moyenne de la probabilité de retard sur { $invoices } factures non échues à une date de coupure, face à la part de retards du client (plus bas, c'est mieux).
fc-vs = référence { $value }
fc-coverage = Intervalle à 80 % tenu
fc-coverage-def = Part des { $invoices } factures dont la date de paiement est tombée dans l'intervalle à 80 % de la prévision (72 à 88 % est honnête).
fc-reliability-title = Fiabilité de la probabilité de retard
fc-reliability-caption = Factures regroupées par probabilité prévue : pour une prévision bien calibrée, la moyenne prévue tombe dans l'intervalle de Wilson à 95 % de la part payée en retard.
col-invoice = Facture
col-customer = Client
col-due-date = Échéance
col-p-late = P(retard)
col-p-write-off = P(perte)
col-expected-date = Paiement attendu (intervalle à 80 %)
col-expected-date-def = Date de paiement médiane sachant que la facture est encore impayée à la date choisie, avec ses 10e et 90e centiles.
col-baseline-date = Date de référence
col-baseline-date-def = La date de la référence qui a fait mieux lors du contrôle sur le passé.
col-reasons = Raisons (jours ajoutés)
col-predicted-band = Prévu
col-mean-predicted = Moyenne prévue
col-observed-late = En retard observé
col-wilson = Intervalle à 95 % (Wilson)
open-case = Ouvrir
open-case-label = Ouvrir la facture { $case }
# Conformance view (issue 18)
tab-conformance = Conformité
doing-checking-conformance = confrontation des dossiers au processus idéal
doing-aligning-variant = alignement d'une variante
doing-exporting-model = export du modèle
err-open-conformance = ouvrez d'abord la vue conformité
cf-loading = Confrontation des dossiers au processus idéal…
cf-ideal-title = Le processus idéal
cf-from-log = Extrait du journal
cf-top-variants = Variantes principales couvrant
cf-noise = Seuil de bruit
cf-noise-help = 0 : l'inductive miner, toute variante choisie suit le modèle ; au-dessus de 0 (IMf) : les comportements rares parmi les variantes choisies sont laissés hors du modèle.
cf-mine = Construire le modèle
cf-mine-ticked = { $count ->
    [0] Construire depuis les variantes cochées (cochez-les plus bas)
    [one] Construire depuis la variante cochée
   *[other] Construire depuis les { $count } variantes cochées
}
cf-import = Importé
cf-import-button = Importer un BPMN ou un PNML…
cf-import-label = Importer un processus idéal en BPMN 2.0 ou PNML
cf-import-help = BPMN 2.0 (tâches, passerelles exclusives et parallèles, événements de début et de fin) ou réseau de Petri PNML ; lu dans ce navigateur, jamais envoyé.
cf-export = Exporter
cf-file-unreadable = { $file } : le navigateur n'a pas pu lire le fichier comme du texte
cf-model-title = Le processus idéal, et où les dossiers s'en écartent
cf-model-size = { $activities } activités · réseau de Petri de { $transitions } transitions ({ $silent } silencieuses) et { $places } places · { $sound }
cf-sound = sain
cf-unsound = non sain
cf-unchecked = solidité non vérifiée (trop d'états)
cf-layout-file = Dessiné avec la disposition du diagramme du fichier. En rouge, les activités où des dossiers s'écartent (type et part des dossiers dessous).
cf-layout-engine = Disposé par Relance. En rouge, les activités où des dossiers s'écartent (type et part des dossiers dessous).
cf-inserted-list = Faites hors du modèle :
cf-see-real-process = Voir le processus réel sur la carte
cf-mapping-title = { $unmatched ->
    [0] Activités du modèle et du journal (toutes associées)
    [one] Activités du modèle et du journal (1 non associée)
   *[other] Activités du modèle et du journal ({ $unmatched } non associées)
}
cf-mapping-help = Chaque activité du modèle correspond à une activité du journal : de même nom, sinon de nom voisin (casse, accents, espaces ignorés). Changez l'association quand les noms diffèrent ; une activité associée à aucune ne peut qu'être sautée.
cf-col-model-activity = Activité du modèle
cf-col-log-activity = Activité du journal
cf-col-how = Associée par
cf-map-label = Activité du journal pour « { $activity } » du modèle
cf-map-none = (aucune)
cf-match-same = même nom
cf-match-similar = nom voisin
cf-match-user = vous
cf-match-none = aucune
cf-log-fitness = Adéquation du journal
cf-log-fitness-def = Définition de pm4py : 1 − la somme des écarts des dossiers ÷ la somme des (longueur de la trace + étapes visibles de la plus courte exécution complète du modèle). Un écart est un mouvement du journal seul ou une étape visible du modèle seul dans un alignement optimal (coût 1 chacun, étapes silencieuses 0).
cf-trace-fitness = Adéquation moyenne des traces
cf-trace-fitness-def = La moyenne sur les dossiers de 1 − écarts ÷ (longueur de la trace + étapes visibles de la plus courte exécution complète du modèle), l'adéquation d'une trace selon les alignements de pm4py.
cf-fit-cases = Dossiers conformes
cf-fit-cases-def = Dossiers sans aucun écart (alignement optimal de coût 0) ; entre parenthèses, leur part des dossiers alignés.
cf-cases = Dossiers vérifiés
cf-cases-def = Dossiers du filtre courant ; { $aligned } alignés dans la limite de recherche (un alignement exact par variante).
cf-na-not-aligned = aucune variante n'a pu être alignée dans la limite de recherche
cf-not-aligned = { $variants } variantes ({ $cases } dossiers) n'ont pu être alignées dans la limite de recherche : elles sont exclues des chiffres.
cf-deviations-title = Écarts, par impact
cf-deviations-def = Impact : la médiane { $measure } des dossiers avec l'écart moins celle des autres, avec un intervalle bootstrap à 95 % ; classés par dossiers × la borne de l'intervalle la plus proche de zéro. Valeurs q corrigées pour tous les écarts testés à la fois (Benjamini–Hochberg).
cf-measure-itc = du délai facture-encaissement en jours
cf-measure-duration = de la durée du dossier en jours
cf-no-deviation = Tous les dossiers suivent le processus idéal.
cf-kind-skipped = sautée
cf-kind-inserted = faite hors du modèle
cf-kind-out-of-order = dans le désordre
cf-kind-repeated = répétée
cf-col-kind = Écart
cf-col-impact = Impact
cf-col-amount = Montant
cf-cases-of = Voir les dossiers : { $what }
cf-variants-title = Variantes face au modèle
cf-variants-help = Cochez les variantes qui forment le chemin idéal, puis « Construire depuis les variantes cochées ». « Mouvements » montre l'alignement optimal d'une variante.
cf-col-ideal = Chemin idéal
cf-tick-label = Variante { $rank } dans le chemin idéal
cf-col-deviations = Écarts
cf-col-fitness = Adéquation
cf-moves = Mouvements
cf-moves-title = Alignement de la variante { $rank }
cf-moves-help = Simple : le dossier et le modèle avancent ensemble. « insérée » : un événement que le modèle ne peut pas faire ici. « sautée » : une étape du modèle absente du dossier.
cf-move-log = { $activity } (insérée)
cf-move-model = { $activity } (sautée)
cf-scenarios-title = Et si : le processus changeait
cf-scenarios-caveat = Estimations d'après ce journal avec intervalles bootstrap à 95 %, pas des promesses : chaque scénario donne à ses dossiers les résultats de dossiers semblables qui se comportent déjà ainsi. Variations = scénario moins réel (jours négatifs : encaissement plus rapide).
cf-col-scenario = Scénario
cf-col-affected = Dossiers changés
cf-col-itc = Facture-encaissement (jours)
cf-col-dso = DSO (jours)
cf-col-cash = Trésorerie libérée
cf-col-late = Factures en retard
cf-col-write-offs = Passages en perte
cf-col-duration = Durée du dossier (jours)
cf-remove = Retirer
cf-add-scenario = Ajouter un scénario
cf-scenario-follow = Un écart suit le chemin idéal
cf-scenario-wait = L'attente d'une activité change
cf-scenario-segment = Un segment se comporte comme le reste
cf-scenario-deviation = Écart
cf-scenario-activity = Activité
cf-scenario-factor = Attente × (0 à 1)
cf-scenario-attribute = Colonne
cf-scenario-value = Valeur
cf-scenario-add = Ajouter et estimer
# Le rapport à remettre (features/report).
doing-report = préparation du rapport
report-button = Rapport
report-button-title = Télécharger un rapport autonome (HTML, s'imprime en PDF) du filtre actuel, dans cette langue ; établi dans ce navigateur, rien n'est envoyé
report-file-name = Rapport Relance
