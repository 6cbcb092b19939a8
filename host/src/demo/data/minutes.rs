//! Minutes (*Protokolle*) of the held demo meetings. They name only persons who agreed to be
//! listed publicly, since the minutes of public bodies are public. Paragraphs are separated
//! by a blank line (`\n\n`).

pub const STK_OST_1: &str = "Frau Krings (AWO) begrüßt die Anwesenden und stellt die \
    Tagesordnung fest.\n\n\
    Zu TOP 3 berichtet Frau Schöller aus dem Quartiersmanagement über das Wandercafé, die \
    Filmabende in der Nadelfabrik und die Vorbereitung der Fahrradwerkstatt für Kinder. Sie \
    erinnert daran, dass Anliegen an die Verwaltung über das Stadtteilbüro weitergeleitet \
    werden und die Rückmeldung in der Stadtteilkonferenz berichtet wird.\n\n\
    Zu TOP 4 stellt der Leiter des Begegnungszentrums das Kochprojekt vor. Die Konferenz \
    empfiehlt die Förderung einstimmig; das Begegnungszentrum hat als Antragsteller nicht \
    mitgestimmt.\n\n\
    Zu TOP 5 berichten mehrere Mitglieder von wiederholt abgestelltem Sperrmüll an der \
    Nadelfabrik. Das Quartiersmanagement sammelt die Standorte und leitet sie an den Aachener \
    Stadtbetrieb weiter; über die Rückmeldung wird in der nächsten Sitzung berichtet.";

pub const STK_OST_2: &str = "Frau Krings begrüßt die Anwesenden und stellt die Tagesordnung \
    fest.\n\n\
    Zu TOP 3: Der Aachener Stadtbetrieb hat die gemeldeten Standorte geprüft; zwei Stellen \
    werden künftig häufiger angefahren, an der Nadelfabrik wird ein Hinweisschild \
    aufgestellt.\n\n\
    Zu TOP 4.1 und 4.2: Die Konferenz berät zwei Anträge zum Stadtteilfonds. Die \
    Fahrradwerkstatt für Kinder wird bei Enthaltung der Antragstellenden empfohlen. Beim \
    Sommerkino vermisst die Konferenz die Beteiligung der Nachbarschaft und empfiehlt, den \
    Antrag zu überarbeiten.\n\n\
    Zu TOP 5 bildet sich eine Vorbereitungsgruppe für das Stadtteilfest (AWO, \
    Fahrradwerkstatt, Kita, Quartiersmanagement). TOP 6 wurde nicht öffentlich beraten.\n\n\
    Das Protokoll ist noch nicht genehmigt.";

pub const STK_FORST: &str = "Herr Yıldız (SKM) leitet die Sitzung.\n\n\
    Der SKM bietet ab sofort zweimal im Monat Sprechstunden des Allgemeinen Sozialen Dienstes \
    im Stadtteilbüro an. Die Bepflanzungsaktion der Offenen Tür wird einstimmig empfohlen.\n\n\
    Eltern der Gemeinschaftsgrundschule haben auf gefährliche Stellen am Schulweg \
    hingewiesen. Das Quartiersmanagement hat die Hinweise an den Fachbereich \
    Stadtentwicklung und Verkehrsanlagen weitergeleitet und berichtet über die Antwort.";

pub const STK_PREUSWALD: &str = "Frau Kohnen (Bürgerverein) begrüßt die Anwesenden im \
    Gemeinschaftsraum des Stadtteilbüros.\n\n\
    Das Wandercafé soll im Sommer an vier Orten im Preuswald Station machen; die Konferenz \
    empfiehlt den Antrag bei Enthaltung des Bürgervereins. Für den Nebenraum des \
    Stadtteilbüros wurde ein Belegungsplan abgestimmt: Beratung der Diakonie dienstags, \
    Angebote des Bürgervereins donnerstags.";

pub const STK_KULLEN: &str = "Herr Mertens (Bezirksamt Laurensberg) moderiert.\n\n\
    Herr Hensen stellt sich als Quartiersmanager für Kronenberg und Kullen vor und lädt zu \
    Sprechstunden ein. Die gewoge berichtet über die Neubauten; eine Arbeitsgruppe soll \
    Begrüßungsangebote für neue Mieterinnen und Mieter entwickeln. Die Hausaufgabenhilfe im \
    Familienzentrum wird bei Enthaltung der antragstellenden Kita empfohlen.";

pub const AK_JUGEND: &str = "Die Träger haben ihre Angebote für das Ferienprogramm \
    gesammelt; der Entwurf geht an alle Mitglieder. Die Fahrradwerkstatt für Kinder startet \
    nach den Ferien jeden zweiten Mittwoch.";

pub const RT_KRONENBERG: &str = "Frau Frings berichtet aus den Sprachcafés, die gut besucht \
    sind. Für die Kinderbetreuung während der Sprachkurse stellt die Caritas ab dem nächsten \
    Kurs eine Betreuungskraft. Die Diakonie stellt erste Ergebnisse der Befragung älterer \
    Alleinstehender vor.";

pub const OAG_OST: &str = "Das Begegnungszentrum stellt das Winterprogramm vor. Die Träger \
    der Besuchsdienste vereinbaren eine gemeinsame Schulung für Ehrenamtliche.";

pub const JURY: &str = "Die Jury hat drei Anträge beraten, die von den Stadtteilkonferenzen \
    empfohlen worden waren, und alle in beantragter Höhe bewilligt.";

pub const LENKUNG: &str = "Frau Dr. Vossen stellt den Jahresbericht des Quartiersmanagements \
    vor. Die Lenkungsgruppe empfiehlt, den Stadtteilfonds unverändert fortzuschreiben. Die \
    Standortfrage für Kronenberg/Kullen wurde nicht öffentlich beraten.";

pub const TRAEGER: &str = "Die Träger begrüßen das Modell der Bürogemeinschaften nach dem \
    Vorbild des Preuswalds und vereinbaren Gespräche mit der Sozialplanung. Die Caritas \
    berichtet aus dem Projekt Altengerechtes Quartier im Westparkviertel.";
