// npm run seed:contacts -- <count>
// Adds <count> realistic contacts to the shops `demo` and `classic` (SPEC §8: Office › Contacts at a million rows).
// Rows are generated inside PostgreSQL, one INSERT … SELECT generate_series per batch, never row by row from Node.
// SEED_CONTACTS_PASSWORD=… gives every activated contact that password (hashed once), so they can sign in.
import { count as countRows, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { customers, shops } from "@/db/schema";
import { ConfigError, getEnv } from "@/lib/env";
import { hashPassword } from "@/lib/passwords/hash";

const MAX_COUNT = 10_000_000;
const PGLITE_WARN_ABOVE = 100_000;

// Commonest first: rows pick from the front of each list more often, as real names and mail providers cluster.
const firstNames = [
  "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth", "David",
  "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Daniel", "Nancy",
  "Matthew", "Lisa", "Anthony", "Margaret", "Mark", "Sandra", "Paul", "Ashley", "Steven", "Emily", "Andrew", "Donna",
  "Joshua", "Michelle", "Kevin", "Carol", "Brian", "Amanda", "George", "Melissa", "Edward", "Deborah", "Ronald",
  "Stephanie", "Timothy", "Rebecca", "Jason", "Laura", "Jeffrey", "Sharon", "Ryan", "Cynthia", "Jacob", "Kathleen",
  "Gary", "Amy", "Nicholas", "Shirley", "Eric", "Angela", "Jonathan", "Anna", "Stephen", "Ruth", "Larry", "Brenda",
  "Justin", "Pamela", "Scott", "Nicole", "Brandon", "Katherine", "Benjamin", "Samantha", "Samuel", "Christine",
  "Gregory", "Emma", "Alexander", "Catherine", "Frank", "Patrick", "Rachel", "Raymond", "Jack", "Janet", "Dennis",
  "Olivia", "Tyler", "Heather", "Aaron", "Helen",
  "Lukas", "Jürgen", "Günter", "Søren", "Björn", "Jörg", "Uwe", "Klaus", "Anke", "Birgit", "Sabine", "Käthe", "Jana",
  "Lena", "Mia", "Lea", "Finn", "Nils", "Ingrid", "Astrid", "Sigríður", "Þóra", "Åsa", "Mikael", "Kirsten", "Henrik",
  "Jens", "Mette", "Ólafur",
  "Amélie", "Chloé", "Zoë", "Léa", "Hélène", "Émilie", "François", "Jérôme", "Stéphane", "Benoît", "Noël", "Gaël",
  "Inès", "Agnès", "Anaïs", "Loïc", "Céline", "René", "Clément",
  "José", "María", "Jesús", "Ángel", "Lucía", "Sofía", "Martín", "Nicolás", "Andrés", "Raúl", "João", "Conceição",
  "Gonçalo", "Thiago", "Ana", "Beatriz", "Joaquín", "Iñaki", "Begoña", "Núria", "Pilar", "Carmen", "Rocío",
  "Santiago", "Valentina", "Camila", "Mateo", "Isabella", "Diego", "Gabriela", "Luis", "Fernanda", "Alejandro",
  "Giulia", "Francesco", "Alessandro", "Matteo", "Chiara", "Federica", "Lorenzo", "Niccolò", "Giuseppe", "Rosa",
  "Łukasz", "Małgorzata", "Agnieszka", "Wojciech", "Paweł", "Zofia", "Grzegorz", "Jiří", "Tomáš", "Lucie", "Zuzana",
  "Ondřej", "Eliška", "Zsófia", "Bálint", "Ágnes", "Gábor", "Đorđe", "Ivana", "Luka", "Nikola",
  "Çağla", "Şebnem", "Mehmet", "Ayşe", "Emre", "Gökhan", "Zeynep", "Özge", "İlker", "Burak",
  "Dmitri", "Olga", "Sergei", "Natalia", "Andriy", "Oksana", "Yulia", "Alexei", "Tatiana", "Ivan",
  "Eleni", "Giorgos", "Dimitris", "Katerina", "Nikos",
  "Priya", "Rahul", "Aarav", "Ananya", "Arjun", "Deepika", "Vikram", "Sneha", "Rohan", "Kavya", "Sanjay", "Lakshmi",
  "Wei", "Jing", "Xiaoming", "Mei", "Yan", "Jun", "Hui", "Zhiwei", "Xin",
  "Yuki", "Haruto", "Sakura", "Takeshi", "Aiko", "Kenji", "Hiroshi", "Yui", "Ren", "Sōta",
  "Ji-woo", "Min-jun", "Seo-yeon", "Hyun-woo", "Ji-hoon",
  "Minh", "Thảo", "Linh", "Huy", "Phương",
  "Mohammed", "Ahmed", "Fatima", "Omar", "Aisha", "Youssef", "Layla", "Khalid", "Noura", "Hassan",
  "Chidi", "Ngozi", "Kwame", "Amara", "Oluwaseun", "Thabo", "Zanele", "Kofi", "Abebe", "Wanjiru",
  "Siobhán", "Seán", "Aoife", "Niamh", "Ciarán", "Róisín", "Eoin",
  "Noa", "Yael", "Avi", "Tamar", "Itai",
];

const lastNames = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
  "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez",
  "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen",
  "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
  "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer",
  "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger",
  "Hartmann", "Lange", "Köhler", "Weiß", "Jäger", "Groß",
  "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "de Jong", "Mulder",
  "Bernard", "Dubois", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garnier",
  "Faure", "Rousseau", "Girard", "Chevalier", "Gauthier", "Lemaître",
  "Fernández", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Díaz", "Álvarez", "Moreno", "Muñoz", "Romero",
  "Alonso", "Gutiérrez", "Navarro", "Ibáñez", "Cruz", "Reyes", "Morales", "Ortiz", "Castillo", "Vargas", "Rojas",
  "Mendoza",
  "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Almeida", "Gonçalves", "Araújo",
  "Magalhães",
  "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno",
  "Gallo", "Conti", "De Luca", "Mancini",
  "Hansen", "Johansen", "Nielsen", "Jensen", "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson",
  "Olsen", "Pedersen", "Sørensen", "Ødegaard", "Åberg", "Lindström", "Bergström", "Jónsdóttir", "Sigurðsson",
  "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen",
  "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański",
  "Dvořák", "Novák", "Svoboda", "Černý", "Procházka", "Kučera", "Nagy", "Kovács", "Tóth", "Szabó", "Horváth",
  "Kovačević", "Horvat", "Jovanović", "Petrović", "Đukić", "Popescu", "Ionescu", "Popa",
  "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Arslan", "Doğan",
  "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Volkova", "Sokolov", "Morozova", "Shevchenko", "Kovalenko", "Bondarenko",
  "Papadopoulos", "Georgiou", "Nikolaidis", "Papadaki",
  "Patel", "Sharma", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Mehta", "Chatterjee", "Banerjee", "Rao",
  "Desai", "Joshi",
  "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu",
  "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Itō", "Yamamoto", "Nakamura", "Kobayashi", "Katō",
  "Yoshida", "Saitō",
  "Kim", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang",
  "Trần", "Lê", "Phạm", "Hoàng", "Vũ",
  "Al-Farsi", "Haddad", "Khalil", "Mansour", "Nasser", "Saleh", "Hussein", "Abdullah", "El-Amin", "Aziz",
  "Okafor", "Mensah", "Adeyemi", "Okonkwo", "Mwangi", "Dlamini", "Nkosi", "Diallo", "Traoré", "Boateng", "Osei",
  "Kamau",
  "O'Brien", "O'Connor", "Murphy", "Kelly", "Ó Súilleabháin", "McCarthy", "Byrne", "Walsh", "MacDonald", "Stewart",
  "Cohen", "Levi", "Mizrahi", "Friedman", "Katz",
];

const mailDomains = [
  "gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "gmx.de", "web.de", "orange.fr", "proton.me",
  "t-online.de", "libero.it", "free.fr", "aol.com", "live.co.uk", "wp.pl", "seznam.cz", "laposte.net", "mail.ru",
  "yandex.ru", "btinternet.com", "telenet.be", "ziggo.nl", "bluewin.ch", "tiscali.it", "telefonica.net", "onet.pl",
  "freemail.hu", "ukr.net", "naver.com", "qq.com", "163.com", "yahoo.co.jp", "rediffmail.com", "bigpond.com",
  "shaw.ca", "sky.com", "fastmail.com", "zoho.com", "hey.com",
];

// B2B contacts of the demo shop: the company goes into attributes.company and names the e-mail domain.
const companies: [name: string, domain: string][] = [
  ["Acme Industrial Supplies", "acme-supplies.com"],
  ["Nordwind Logistik GmbH", "nordwind-logistik.de"],
  ["Bäckerei Müller & Söhne", "baeckerei-mueller.de"],
  ["Lumière Design SARL", "lumiere-design.fr"],
  ["Soluciones Ibéricas S.L.", "solucionesibericas.es"],
  ["Verdi Costruzioni S.p.A.", "verdicostruzioni.it"],
  ["Fjord Marine AS", "fjordmarine.no"],
  ["Kowalski Budownictwo", "kowalski-bud.pl"],
  ["Sakura Trading K.K.", "sakura-trading.jp"],
  ["Lotus Software Pvt Ltd", "lotussoft.in"],
  ["Great Wall Components", "gwcomponents.cn"],
  ["Maple Leaf Food Service", "mapleleaf-fs.ca"],
  ["Southern Cross Mining", "southerncross.com.au"],
  ["Atlas Consulting", "atlas-consulting.com"],
  ["Blue Harbor Hotels", "blueharborhotels.com"],
  ["Kilimanjaro Coffee Exporters", "kilicoffee.co.tz"],
  ["Andes Textiles", "andestextiles.pe"],
  ["Bosphorus Tekstil A.Ş.", "bosphorustekstil.com.tr"],
  ["Helvetia Präzision AG", "helvetia-praezision.ch"],
  ["Danube Medical Kft.", "danubemedical.hu"],
  ["Vltava Glass s.r.o.", "vltavaglass.cz"],
  ["Northwind Traders", "northwind-traders.com"],
  ["Contoso Pharmaceuticals", "contoso-pharma.com"],
  ["Saharan Solar", "saharansolar.ma"],
  ["Baltic Amber Works", "balticamber.lt"],
];

const transliterations: Record<string, string> = { ß: "ss", æ: "ae", ø: "o", œ: "oe", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

/** The ASCII form of a name for an e-mail address: "Sigurðsson" → "sigurdsson", "O'Brien" → "obrien". */
function mailbox(name: string): string {
  return name
    .toLowerCase()
    .replace(/[ßæøœłđðþı]/g, (character) => transliterations[character])
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]/g, "");
}

/** A list travels as one text parameter and is split in SQL: the same on postgres-js and PGlite. */
const joined = (values: string[]) => values.join("\n");

function parseCount(args: string[]): number | string {
  const usage = "Usage: npm run seed:contacts -- <count>   (e.g. 1000000)";
  if (args.length !== 1) return `${usage}\nGive exactly one argument: the number of contacts to add.`;
  const raw = args[0].replace(/[_,]/g, "");
  if (!/^\d+$/.test(raw)) return `${usage}\n"${args[0]}" is not a whole number.`;
  const count = Number(raw);
  if (count < 1 || count > MAX_COUNT) return `${usage}\nThe count must be between 1 and ${MAX_COUNT.toLocaleString("en")}; got ${count.toLocaleString("en")}.`;
  return count;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function main(): Promise<number> {
  const count = parseCount(process.argv.slice(2));
  if (typeof count === "string") {
    console.error(count);
    return 2;
  }
  const env = getEnv();
  const embedded = !env.databaseUrl;
  if (embedded) {
    console.warn(`DATABASE_URL is not set: seeding the embedded PGlite database in ${env.dataDir}/pglite.`);
    console.warn("Stop `npm run dev` first: PGlite allows only one process per data folder.");
    if (count > PGLITE_WARN_ABOVE) {
      console.warn(
        `PGlite runs inside this process on one core: ${count.toLocaleString("en")} contacts are slower to add and to search than on ` +
          "PostgreSQL, and take about 0.5 GB per million on disk. For the §8 benchmark use a real PostgreSQL (DATABASE_URL=postgres://…).",
      );
    }
  }
  const started = performance.now();
  const db = await getDb();

  const shopRows = await db.select({ id: shops.id, code: shops.code }).from(shops);
  const demo = shopRows.find((shop) => shop.code === "demo");
  const classic = shopRows.find((shop) => shop.code === "classic");
  if (!demo || !classic) {
    console.error("The shops `demo` and `classic` are missing: seed:contacts adds contacts to the demo data (SPEC §2).");
    return 1;
  }

  const password = process.env.SEED_CONTACTS_PASSWORD;
  const passwordHash = password ? await hashPassword(password) : null;

  // Series numbers continue after the rows already there, so a second run adds new addresses instead of clashing.
  const [{ offset }] = await db.select({ offset: countRows() }).from(customers);

  const batchSize = embedded ? 20_000 : 100_000;
  let inserted = 0;
  console.log(`Adding ${count.toLocaleString("en")} contacts in batches of ${batchSize.toLocaleString("en")}…`);
  for (let from = 1; from <= count; from += batchSize) {
    const to = Math.min(count, from + batchSize - 1);
    const batchStarted = performance.now();
    const added = await db.transaction(async (tx) => {
      const result = await tx.execute(sql`
        with lists as (
          select string_to_array(${joined(firstNames)}::text, E'\n') as first_names,
                 string_to_array(${joined(firstNames.map(mailbox))}::text, E'\n') as first_boxes,
                 string_to_array(${joined(lastNames)}::text, E'\n') as last_names,
                 string_to_array(${joined(lastNames.map(mailbox))}::text, E'\n') as last_boxes,
                 string_to_array(${joined(mailDomains)}::text, E'\n') as domains,
                 string_to_array(${joined(companies.map(([name]) => name))}::text, E'\n') as company_names,
                 string_to_array(${joined(companies.map(([, domain]) => domain))}::text, E'\n') as company_domains
        ),
        -- Volatile, so materialised once: every random draw below is made exactly once per row.
        draws as (
          select n,
                 1 + floor(power(random(), 1.6) * cardinality(first_names))::int as first_index,
                 1 + floor(power(random(), 1.6) * cardinality(last_names))::int as last_index,
                 1 + floor(power(random(), 2.2) * cardinality(domains))::int as domain_index,
                 1 + floor(random() * cardinality(company_names))::int as company_index,
                 random() < 0.7 as in_demo,
                 random() as type_draw,
                 random() as status_draw,
                 random() as pattern_draw,
                 now() - random() * interval '730 days' as created_at,
                 random() * interval '3 days' as activation_delay
          from generate_series(${offset + from}::bigint, ${offset + to}::bigint) as n, lists
        ),
        shaped as (
          select d.*,
                 l.first_names[d.first_index] as first_name,
                 l.last_names[d.last_index] as last_name,
                 l.first_boxes[d.first_index] as first_box,
                 l.last_boxes[d.last_index] as last_box,
                 d.in_demo and d.type_draw < 0.25 as business,
                 l.company_names[d.company_index] as company,
                 case when d.in_demo and d.type_draw < 0.25 then l.company_domains[d.company_index]
                      else l.domains[d.domain_index] end as domain,
                 case when d.status_draw < 0.86 then 'active' when d.status_draw < 0.96 then 'pending' else 'disabled' end as status,
                 -- Most disabled accounts were active once; a few were never activated.
                 d.status_draw < 0.86 or d.status_draw between 0.96 and 0.99 as activated
          from draws d, lists l
        )
        insert into customers (shop_id, customer_type, email, first_name, last_name, attributes, password_hash, status,
                               session_version, created_at, activated_at)
        select case when in_demo then ${demo.id}::uuid else ${classic.id}::uuid end,
               case when business then 'B2B' else 'B2C' end,
               case when pattern_draw < 0.55 then first_box || '.' || last_box
                    when pattern_draw < 0.70 then first_box || '_' || last_box
                    when pattern_draw < 0.85 then first_box || last_box
                    else left(first_box, 1) || '.' || last_box end || n || '@' || domain,
               first_name,
               last_name,
               case when business then jsonb_build_object('company', company) else '{}'::jsonb end,
               case when activated then ${passwordHash}::text end,
               status,
               case when status = 'disabled' then 1 else 0 end,
               created_at,
               case when activated then least(now(), created_at + activation_delay) end
        from shaped
        on conflict do nothing
      `);
      return rowCount(result);
    });
    inserted += added;
    const skipped = to - from + 1 - added;
    console.log(
      `  ${to.toLocaleString("en").padStart(11)} / ${count.toLocaleString("en")}  ${Math.round((to / count) * 100)
        .toString()
        .padStart(3)}%  batch ${seconds(batchStarted)}, total ${seconds(started)}${skipped ? `  (${skipped} duplicates skipped)` : ""}`,
    );
  }

  const analyzeStarted = performance.now();
  // VACUUM also merges the trigram indexes' pending lists and sets the visibility map, as autovacuum would later.
  await db.execute(sql`vacuum (analyze) customers`);
  console.log(`VACUUM (ANALYZE) customers: ${seconds(analyzeStarted)}`);
  console.log(
    `Added ${inserted.toLocaleString("en")} contacts in ${seconds(started)}` +
      (passwordHash ? " (activated ones sign in with SEED_CONTACTS_PASSWORD)." : " (without passwords)."),
  );
  return 0;
}

/** Rows affected: postgres-js reports `count`, PGlite `affectedRows`. */
function rowCount(result: unknown): number {
  const value = result as { count?: number; affectedRows?: number };
  return Number(value.count ?? value.affectedRows ?? 0);
}

main()
  .then((code) => process.exit(code))
  .catch((error: Error) => {
    console.error(error instanceof ConfigError ? error.message : `seed:contacts failed: ${error.message}`);
    process.exit(1);
  });
