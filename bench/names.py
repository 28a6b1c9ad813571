"""Word lists the benchmark data is made of: people's names in the scripts their
countries write them in (with a Latin spelling for e-mail addresses), cities, phone
number shapes, company name parts, titles and tags.

Lists run from common to rare: the generator draws with falling (Zipf-like) weights, so
a few surnames are very common, as in a real customer base, and many are rare."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Locale:
    country: str  # ISO 3166-1 alpha-2
    weight: float  # share of contacts and companies
    # "Name" or "Native|Latin" where the native script is not Latin.
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    cities: tuple[str, ...]
    # E.164 numbers with the last digits to be drawn: mobile first, then fixed line.
    phone_prefixes: tuple[str, ...]
    # Parts of made-up surnames (a long tail of rare names), Latin-script locales only.
    surname_heads: tuple[str, ...] = ()
    surname_tails: tuple[str, ...] = ()
    company_suffixes: tuple[str, ...] = ("Ltd",)
    mail_providers: tuple[str, ...] = ("mail.example", "inbox.example")


def split_words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


LOCALES: tuple[Locale, ...] = (
    Locale(
        "DE",
        17,
        split_words(
            "Anna Lukas Maria Thomas Julia Michael Laura Stefan Sophie Andreas Lena Jonas Katrin"
            " Felix Sabine Matthias Hannah Tobias Claudia Florian Lea Sebastian Petra Jan Emma"
            " Alexander Nina Markus Jana Daniel Ursula Jürgen Birgit Wolfgang Greta Heinz Frieda"
            " Gisela Uwe Mia Leon Charlotte Maximilian Ingrid Dieter Johanna Karl-Heinz Anneliese"
        ),
        split_words(
            "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer"
            " Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger"
            " Hofmann Hartmann Lange Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze"
            " Maier Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz"
            " Möller Weiß Jung Hahn Schubert Vogel Friedrich Keller Günther Frank Berger Winkler"
            " Roth Beck Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus"
            " Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt"
            " Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch"
        ),
        split_words(
            "Berlin Hamburg München Köln Frankfurt Stuttgart Düsseldorf Leipzig Dortmund Essen"
            " Bremen Dresden Hannover Nürnberg Duisburg Bochum Wuppertal Bielefeld Bonn Münster"
            " Karlsruhe Mannheim Augsburg Wiesbaden Freiburg Kiel Lübeck Rostock Erfurt Mainz"
        ),
        ("+49151", "+49160", "+49170", "+49176", "+4930", "+4940", "+4989", "+49221"),
        split_words(
            "Bau Berg Brand Eich Fisch Gold Gross Hart Hoff Kirch Linden Mühl Neu Ober Rosen"
            " Schön Stein Wald Weiß Wolf Adler Buch Dorn Eisen Falk Grün Hagen Kalt Lieb Rein"
            " Sonnen Tann Ulm Wester Zell Blum Frei Heil Lind Stroh"
        ),
        split_words(
            "mann berg er inger hof feld bach hauser meier huber ner stätter brunner müller"
            " hardt wald reiter bauer kamp scheid"
        ),
        ("GmbH", "AG", "GmbH & Co. KG", "KG", "e.K."),
        ("web-de.example", "gmx.example", "t-online.example", "posteo.example"),
    ),
    Locale(
        "AT",
        2,
        split_words(
            "Lukas Anna Tobias Lena David Katharina Florian Sarah Elias Magdalena Simon Theresa"
        ),
        split_words(
            "Gruber Huber Bauer Wagner Müller Pichler Steiner Moser Mayer Hofer Leitner Berger"
            " Fuchs Eder Fischer Schmid Winkler Weber Schwarz Maier Schneider Reiter Mayr"
        ),
        split_words("Wien Graz Linz Salzburg Innsbruck Klagenfurt Villach Wels"),
        ("+43664", "+43676", "+431", "+43316"),
        split_words("Ober Unter Hinter Vorder Sonn Berg Wies Brunn Eck Lechn"),
        split_words("huber leitner bichler moser egger thaler gruber steiner"),
        ("GmbH", "AG", "OG", "KG"),
        ("gmx-at.example", "aon.example"),
    ),
    Locale(
        "GB",
        7,
        split_words(
            "Oliver Amelia George Isla Harry Olivia Jack Emily Charlie Ava Thomas Jessica Jacob"
            " Poppy Alfie Sophie Freddie Grace William Ruby James Lily Henry Chloe Edward"
        ),
        split_words(
            "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts"
            " Robinson Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris"
            " Clarke Patel Jackson Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee"
            " King Baker Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price"
            " Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson Bailey Collins Bell"
        ),
        split_words(
            "London Manchester Birmingham Leeds Glasgow Liverpool Bristol Sheffield Edinburgh"
            " Cardiff Leicester Nottingham Newcastle Brighton Oxford Cambridge York Belfast"
        ),
        ("+447400", "+447700", "+447911", "+4420", "+44121", "+44161"),
        split_words("Ash Brook Fair Hart Holl Kings Long Mill North Rad Shel Stan Thorn West Whit"),
        split_words("ford field ley ton wood worth by well ham more"),
        ("Ltd", "PLC", "LLP", "& Sons"),
        ("btinternet.example", "sky-mail.example", "outlook.example"),
    ),
    Locale(
        "US",
        12,
        split_words(
            "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William"
            " Barbara Richard Susan Joseph Jessica Thomas Sarah Christopher Karen Charles Lisa"
            " Daniel Nancy Matthew Betty Anthony Sandra Mark Ashley Donald Emily Steven Kimberly"
            " Andrew Donna Joshua Michelle Kevin Carol Brian Amanda Jayden Madison Tyler Brittany"
        ),
        split_words(
            "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez"
            " Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez"
            " Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King"
            " Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera"
            " Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz"
            " Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz"
            " Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson"
        ),
        split_words(
            "New_York Los_Angeles Chicago Houston Phoenix Philadelphia San_Antonio San_Diego"
            " Dallas Austin Jacksonville Columbus Charlotte Indianapolis Seattle Denver Boston"
            " Nashville Portland Detroit Atlanta Miami Minneapolis Raleigh"
        ),
        ("+1201555", "+1212555", "+1312555", "+1415555", "+1512555", "+1617555", "+1206555"),
        split_words("Ash Bar Black Brad Cal Dun Fair Green Hol Lang Mac Mar Ray Stan Wal"),
        split_words("ford ley ton well field wood ridge worth son man"),
        ("Inc.", "LLC", "Corp.", "Co."),
        ("gmail.example", "yahoo.example", "outlook.example", "icloud.example"),
    ),
    Locale(
        "FR",
        8,
        split_words(
            "Camille Hugo Léa Lucas Chloé Louis Manon Gabriel Inès Arthur Jade Raphaël Louise"
            " Jules Emma Nathan Alice Théo Zoé Antoine Élise Mathieu Amélie Benoît Céline"
            " Julien Margaux Nicolas Océane Pierre Sylvie Thierry Valérie"
        ),
        split_words(
            "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon"
            " Laurent Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard"
            " André Lefèvre Mercier Dupont Lambert Bonnet François Martinez Legrand Garnier"
            " Faure Rousseau Blanc Guérin Muller Henry Roussel Nicolas Perrin Morin Mathieu"
            " Clément Gauthier Dumont Lopez Fontaine Chevalier Robin"
        ),
        split_words(
            "Paris Marseille Lyon Toulouse Nice Nantes Strasbourg Montpellier Bordeaux Lille"
            " Rennes Reims Toulon Grenoble Dijon Angers Nîmes Brest"
        ),
        ("+33612", "+33623", "+33678", "+33140", "+33472", "+33491"),
        split_words("Beau Belle Bois Castel Champ Clair Font Grand Haut Mont Neuf Roche Val Ville"),
        split_words("mont lieu vert fort val champ court pré bois roche"),
        ("SARL", "SA", "SAS", "EURL"),
        ("orange.example", "free.example", "laposte.example"),
    ),
    Locale(
        "ES",
        6,
        split_words(
            "Lucía Hugo Martina Mateo Sofía Martín María Pablo Julia Daniel Paula Alejandro"
            " Valeria Álvaro Carmen Javier Elena Sergio Marta Diego Alba Adrián Irene Raúl"
        ),
        split_words(
            "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín"
            " Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro"
            " Torres Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Molina Morales Suárez"
            " Ortega Delgado Castro Ortiz Rubio Marín Sanz Núñez Iglesias Medina Garrido"
        ),
        split_words(
            "Madrid Barcelona Valencia Sevilla Zaragoza Málaga Murcia Palma Bilbao Alicante"
            " Córdoba Valladolid Vigo Gijón Granada"
        ),
        ("+34612", "+34654", "+34699", "+34910", "+34932", "+34963"),
        split_words("Alba Cas Fuen Mon Pe Vall Villa Val Sant Torr"),
        split_words("llano tes tana ñez rroyo ledo dés rrero verde gado"),
        ("S.L.", "S.A.", "S.L.U."),
        ("telefonica.example", "correo.example"),
    ),
    Locale(
        "IT",
        6,
        split_words(
            "Leonardo Sofia Francesco Giulia Alessandro Aurora Lorenzo Alice Mattia Ginevra"
            " Andrea Emma Gabriele Giorgia Riccardo Beatrice Tommaso Chiara Marco Federica"
            " Giuseppe Francesca Antonio Elena Luca Valentina"
        ),
        split_words(
            "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno"
            " Gallo Conti De_Luca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri"
            " Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli Martini Leone Longo"
            " Gentile Martinelli Vitale Lombardo Serra Coppola De_Santis D'Angelo Marchetti"
        ),
        split_words(
            "Roma Milano Napoli Torino Palermo Genova Bologna Firenze Bari Catania Venezia"
            " Verona Messina Padova Trieste Brescia Parma Modena"
        ),
        ("+39312", "+39333", "+39347", "+3906", "+3902", "+39055"),
        split_words("Bel Bon Castel Fior Mon Pont Ros San Val Ver"),
        split_words("lini etti ucci elli ardi one ini ato otti azzi"),
        ("S.r.l.", "S.p.A.", "S.n.c."),
        ("libero.example", "tiscali.example", "virgilio.example"),
    ),
    Locale(
        "PL",
        5,
        split_words(
            "Anna Piotr Maria Krzysztof Katarzyna Andrzej Małgorzata Tomasz Agnieszka Paweł"
            " Barbara Marcin Ewa Michał Magdalena Jakub Joanna Łukasz Zofia Wojciech Aleksandra"
        ),
        split_words(
            "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński"
            " Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk"
            " Piotrowski Grabowski Nowakowski Pawłowski Michalski Nowicki Adamczyk Dudek"
            " Zając Wieczorek Jabłoński Król Majewski Olszewski Jaworski Wróbel Malinowski"
        ),
        split_words(
            "Warszawa Kraków Łódź Wrocław Poznań Gdańsk Szczecin Bydgoszcz Lublin Katowice"
        ),
        ("+48512", "+48601", "+48691", "+4822", "+4812", "+4861"),
        split_words("Bor Brzez Dąb Gór Kra Lip Ost Sad Sos Wol"),
        split_words("owski ewski ecki ański iak czyk ński owicz ek ko"),
        ("Sp. z o.o.", "S.A.", "Sp.k."),
        ("wp.example", "onet.example", "interia.example"),
    ),
    Locale(
        "NL",
        3,
        split_words(
            "Daan Emma Sem Julia Lucas Mila Levi Tess Finn Sophie Milan Zoë Bram Sanne Ruben"
        ),
        split_words(
            "de_Jong Jansen de_Vries van_den_Berg van_Dijk Bakker Janssen Visser Smit Meijer"
            " de_Boer Mulder de_Groot Bos Vos Peters Hendriks van_Leeuwen Dekker Brouwer"
        ),
        split_words(
            "Amsterdam Rotterdam Den_Haag Utrecht Eindhoven Groningen Tilburg Almere Breda"
        ),
        ("+31612", "+31622", "+3120", "+3110"),
        split_words("Berg Bosch Dijk Haar Kamp Meer Veen Wijk Zand Hoog"),
        split_words("hoven man stra sma huis inga kamp veld"),
        ("B.V.", "N.V.", "V.O.F."),
        ("ziggo.example", "kpn-mail.example"),
    ),
    Locale(
        "SE",
        3,
        split_words(
            "Alice Lucas Maja William Elsa Liam Astrid Hugo Wilma Oscar Ebba Erik Ingrid Lars"
            " Karin Björn Sigrid Göran Åsa"
        ),
        split_words(
            "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson"
            " Gustafsson Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg"
            " Jakobsson Magnusson Lindström Lindqvist Berglund Fredriksson Sandberg Henriksson"
        ),
        split_words("Stockholm Göteborg Malmö Uppsala Västerås Örebro Linköping Helsingborg Umeå"),
        ("+46701", "+46731", "+468", "+4631"),
        split_words("Berg Lind Ek Sand Ström Hed Dahl Holm Sjö Fors"),
        split_words("ström berg qvist gren lund blad mark dahl"),
        ("AB", "HB"),
        ("telia.example", "bredband.example"),
    ),
    Locale(
        "TR",
        4,
        split_words(
            "Mehmet Ayşe Mustafa Fatma Ahmet Emine Ali Hatice Hüseyin Zeynep Hasan Elif İbrahim"
            " Meryem Murat Özlem Emre Büşra Yusuf Şeyma"
        ),
        split_words(
            "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan"
            " Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Korkmaz Karataş Erdoğan"
        ),
        split_words("İstanbul Ankara İzmir Bursa Antalya Adana Konya Gaziantep Kayseri"),
        ("+90501", "+90532", "+90212", "+90312"),
        split_words("Ak Kara Öz Yıl Gül Demir Er Ay Tek Bal"),
        split_words("soy türk oğlu taş can kan han er"),
        ("A.Ş.", "Ltd. Şti."),
        ("turkcell-mail.example", "ttmail.example"),
    ),
    Locale(
        "BR",
        4,
        split_words(
            "Miguel Helena Arthur Alice Gael Laura Heitor Manuela Theo Valentina Davi Maria"
            " João Ana Pedro Beatriz Gabriel Júlia Rafael Luiza"
        ),
        split_words(
            "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa"
            " Ribeiro Martins Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa Rocha"
            " Dias Nascimento Andrade Moreira Nunes Marques Machado Mendes Freitas Cardoso"
        ),
        split_words(
            "São_Paulo Rio_de_Janeiro Brasília Salvador Fortaleza Belo_Horizonte Manaus Recife"
        ),
        ("+5511961", "+5521981", "+551123", "+552124"),
        split_words("Bel Cam Fon Mon Nas Pe Ri San Val Vi"),
        split_words("eira eiro ares anha ado ino ões ista"),
        ("Ltda.", "S.A.", "ME"),
        ("uol.example", "bol.example", "terra.example"),
    ),
    Locale(
        "RU",
        5,
        (
            "Александр|Aleksandr",
            "Мария|Maria",
            "Дмитрий|Dmitry",
            "Анна|Anna",
            "Сергей|Sergey",
            "Елена|Elena",
            "Андрей|Andrey",
            "Ольга|Olga",
            "Алексей|Aleksey",
            "Наталья|Natalya",
            "Иван|Ivan",
            "Татьяна|Tatyana",
            "Михаил|Mikhail",
            "Екатерина|Ekaterina",
            "Николай|Nikolay",
            "Ирина|Irina",
            "Владимир|Vladimir",
            "Светлана|Svetlana",
        ),
        (
            "Иванов|Ivanov",
            "Смирнов|Smirnov",
            "Кузнецов|Kuznetsov",
            "Попов|Popov",
            "Васильев|Vasilyev",
            "Петров|Petrov",
            "Соколов|Sokolov",
            "Михайлов|Mikhaylov",
            "Новиков|Novikov",
            "Фёдоров|Fedorov",
            "Морозов|Morozov",
            "Волков|Volkov",
            "Алексеев|Alekseev",
            "Лебедев|Lebedev",
            "Семёнов|Semenov",
            "Егоров|Egorov",
            "Павлов|Pavlov",
            "Козлов|Kozlov",
            "Степанов|Stepanov",
            "Николаев|Nikolaev",
            "Орлов|Orlov",
            "Андреев|Andreev",
            "Макаров|Makarov",
            "Никитин|Nikitin",
            "Захаров|Zakharov",
        ),
        ("Москва", "Санкт-Петербург", "Новосибирск", "Екатеринбург", "Казань", "Самара"),
        ("+7912", "+7916", "+7495", "+7812"),
        company_suffixes=("ООО", "АО", "ПАО"),
        mail_providers=("yandex.example", "mail-ru.example"),
    ),
    Locale(
        "GR",
        2,
        (
            "Γιώργος|Giorgos",
            "Μαρία|Maria",
            "Κώστας|Kostas",
            "Ελένη|Eleni",
            "Νίκος|Nikos",
            "Αικατερίνη|Aikaterini",
            "Δημήτρης|Dimitris",
            "Σοφία|Sofia",
            "Γιάννης|Giannis",
            "Αναστασία|Anastasia",
        ),
        (
            "Παπαδόπουλος|Papadopoulos",
            "Βλάχος|Vlachos",
            "Αγγελόπουλος|Angelopoulos",
            "Νικολαΐδης|Nikolaidis",
            "Γεωργίου|Georgiou",
            "Πετρίδης|Petridis",
            "Αθανασίου|Athanasiou",
            "Οικονόμου|Oikonomou",
            "Μακρής|Makris",
            "Παπαδάκης|Papadakis",
            "Δημητρίου|Dimitriou",
            "Ιωάννου|Ioannou",
        ),
        ("Αθήνα", "Θεσσαλονίκη", "Πάτρα", "Ηράκλειο", "Λάρισα"),
        ("+30691", "+30694", "+30210", "+302310"),
        company_suffixes=("Α.Ε.", "Ε.Π.Ε.", "Ι.Κ.Ε."),
        mail_providers=("otenet.example", "forthnet.example"),
    ),
    Locale(
        "CN",
        5,
        (
            "伟|Wei",
            "芳|Fang",
            "娜|Na",
            "敏|Min",
            "静|Jing",
            "磊|Lei",
            "洋|Yang",
            "勇|Yong",
            "艳|Yan",
            "杰|Jie",
            "涛|Tao",
            "明|Ming",
            "超|Chao",
            "秀英|Xiuying",
            "建华|Jianhua",
            "志强|Zhiqiang",
            "晓东|Xiaodong",
            "丽娟|Lijuan",
        ),
        (
            "王|Wang",
            "李|Li",
            "张|Zhang",
            "刘|Liu",
            "陈|Chen",
            "杨|Yang",
            "黄|Huang",
            "赵|Zhao",
            "吴|Wu",
            "周|Zhou",
            "徐|Xu",
            "孙|Sun",
            "马|Ma",
            "朱|Zhu",
            "胡|Hu",
            "郭|Guo",
            "何|He",
            "林|Lin",
            "高|Gao",
            "罗|Luo",
        ),
        ("北京", "上海", "广州", "深圳", "成都", "杭州", "武汉", "南京"),
        ("+86131", "+86139", "+86186", "+8610", "+8621"),
        company_suffixes=("有限公司", "股份有限公司"),
        mail_providers=("qq.example", "163.example", "sina.example"),
    ),
    Locale(
        "JP",
        4,
        (
            "翔太|Shota",
            "陽菜|Hina",
            "大輝|Daiki",
            "結衣|Yui",
            "拓海|Takumi",
            "さくら|Sakura",
            "健太|Kenta",
            "美咲|Misaki",
            "蓮|Ren",
            "葵|Aoi",
            "直樹|Naoki",
            "由美|Yumi",
            "健一|Kenichi",
            "恵子|Keiko",
        ),
        (
            "佐藤|Sato",
            "鈴木|Suzuki",
            "高橋|Takahashi",
            "田中|Tanaka",
            "伊藤|Ito",
            "渡辺|Watanabe",
            "山本|Yamamoto",
            "中村|Nakamura",
            "小林|Kobayashi",
            "加藤|Kato",
            "吉田|Yoshida",
            "山田|Yamada",
            "佐々木|Sasaki",
            "山口|Yamaguchi",
            "松本|Matsumoto",
            "井上|Inoue",
            "木村|Kimura",
            "林|Hayashi",
            "清水|Shimizu",
        ),
        ("東京", "大阪", "横浜", "名古屋", "札幌", "福岡", "京都", "神戸"),
        ("+8190", "+8180", "+813", "+816"),
        company_suffixes=("株式会社", "合同会社"),
        mail_providers=("docomo.example", "softbank-mail.example"),
    ),
    Locale(
        "IN",
        4,
        split_words(
            "Aarav Saanvi Vivaan Ananya Aditya Diya Vihaan Aadhya Arjun Pari Sai Anika Reyansh"
            " Ishita Rahul Priya Amit Sunita Rajesh Pooja Vikram Neha Suresh Kavita"
        ),
        split_words(
            "Sharma Verma Gupta Singh Kumar Patel Shah Mehta Joshi Reddy Nair Iyer Rao Das"
            " Chatterjee Banerjee Mukherjee Pillai Menon Kapoor Malhotra Agarwal Bhat Desai"
        ),
        split_words("Mumbai Delhi Bengaluru Hyderabad Chennai Kolkata Pune Ahmedabad Jaipur"),
        ("+91812", "+91981", "+91998", "+9122", "+9111"),
        split_words("Ra Vi Sa Ma Ka Ja De Pa Su Ba"),
        split_words("jan nath wal deep esh kar wani dari"),
        ("Pvt. Ltd.", "Ltd.", "LLP"),
        ("rediff.example", "gmail.example"),
    ),
    Locale(
        "AE",
        3,
        (
            "محمد|Mohammed",
            "فاطمة|Fatima",
            "أحمد|Ahmed",
            "مريم|Maryam",
            "علي|Ali",
            "عائشة|Aisha",
            "خالد|Khaled",
            "نور|Noor",
            "عمر|Omar",
            "سارة|Sara",
            "يوسف|Youssef",
            "ليلى|Layla",
        ),
        (
            "الحمادي|Al_Hammadi",
            "المنصوري|Al_Mansouri",
            "الشامسي|Al_Shamsi",
            "الكعبي|Al_Kaabi",
            "النعيمي|Al_Nuaimi",
            "الظاهري|Al_Dhaheri",
            "المزروعي|Al_Mazrouei",
            "السويدي|Al_Suwaidi",
            "حسن|Hassan",
            "إبراهيم|Ibrahim",
            "عبدالله|Abdullah",
            "خوري|Khoury",
        ),
        ("دبي", "أبوظبي", "الشارقة", "العين", "عجمان"),
        ("+97150", "+97155", "+9714", "+9712"),
        company_suffixes=("ذ.م.م", "ش.م.ع"),
        mail_providers=("emirates-mail.example", "du-mail.example"),
    ),
)

# Company names: "<Head> <Trade> <suffix>" or "<Surname> <Trade> <suffix>".
COMPANY_HEADS = split_words(
    "Nordwind Alpen Rhein Hansa Sonnen Atlas Blue Silver Golden Summit Pioneer Harbor"
    " Cascade Evergreen Meridian Horizon Keystone Lighthouse Northstar Redwood Riverside"
    " Sterling Trident Vanguard Vertex Zenith Apex Aurora Beacon Cobalt Crescent Delta Echo"
    " Falcon Granite Helix Ion Juniper Kestrel Lumen Magnolia Nimbus Onyx Polaris Quarry"
    " Sapphire Tundra Unity Willow Orbit Prism Quantum Solaris Titan Oak Maple Birch Cedar"
)
COMPANY_TRADES = split_words(
    "Logistics Software Analytics Consulting Engineering Foods Textiles Optics Robotics"
    " Pharma Energy Solar Construction Retail Media Design Systems Networks Security"
    " Medical Dental Hotels Travel Finance Insurance Capital Partners Labs Materials"
    " Chemicals Plastics Metals Machines Tools Motors Marine Aviation Farms Brewing"
    " Coffee Bakery Furniture Fashion Printing Packaging Recycling Water Telecom Cloud"
)
INDUSTRIES = split_words(
    "Logistics Software Manufacturing Retail Healthcare Hospitality Finance Construction"
    " Agriculture Energy Education Media Telecommunications Legal Consulting Automotive"
)
TITLES = (
    "CEO",
    "CFO",
    "CTO",
    "Managing Director",
    "Head of Operations",
    "Head of Purchasing",
    "Purchasing Manager",
    "Procurement Lead",
    "Office Manager",
    "Sales Director",
    "Account Manager",
    "Marketing Manager",
    "IT Manager",
    "Project Manager",
    "Assistant",
    "Owner",
    "Engineer",
    "Consultant",
)
TAGS = (
    "newsletter",
    "vip",
    "partner",
    "trade-fair-2026",
    "webinar",
    "referral",
    "price-sensitive",
    "enterprise",
    "smb",
    "reseller",
    "churn-risk",
    "upsell",
    "trade-fair-2025",
    "decision-maker",
    "beta-tester",
    "hot",
    "warm",
    "cold",
    "event-lead",
    "influencer",
)
INTERACTION_SUBJECTS = (
    "Intro call",
    "Follow-up on the offer",
    "Demo",
    "Price question",
    "Contract renewal",
    "Quarterly review",
    "Support question",
    "Newsletter reply",
    "Meeting at their office",
    "Trade fair chat",
    "Invoice question",
    "Onboarding",
)
TASK_TITLES = (
    "Send the offer",
    "Call back",
    "Prepare the demo",
    "Send the contract",
    "Check the invoice",
    "Book a meeting",
    "Update the price list",
    "Ask for a referral",
)
REQUEST_SUBJECTS = (
    "Wrong invoice",
    "Delivery late",
    "Login does not work",
    "Request for a quote",
    "Complaint about quality",
    "Change of address",
    "Cancel the subscription",
    "Question about the warranty",
)
