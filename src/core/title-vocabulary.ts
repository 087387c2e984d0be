/**
 * Word lists that job-title normalization reads a posting's title with: seniority and level
 * words, employment and remote words, places, and the abbreviations recruiters write. Pure data.
 */

export const SENIORITIES = ['intern', 'junior', 'mid', 'senior', 'lead', 'staff', 'principal', 'manager', 'director', 'head', 'executive'] as const;
/**
 * How senior a job is, as its title says it. Management ranks stay in the title (a Data Science
 * Manager is a manager); `manager` and `director` are recorded when a rank stands apart from the
 * role it ranks ("Senior Manager, Epidemiologic Data Scientist").
 */
export type Seniority = (typeof SENIORITIES)[number];

export const EMPLOYMENTS = ['full-time', 'part-time', 'contract', 'temporary', 'internship', 'freelance'] as const;
export type Employment = (typeof EMPLOYMENTS)[number];

/** Lowercase word (or two-word phrase) → the seniority it states. */
export const SENIORITY_WORDS = new Map<string, Seniority>([
  ['senior', 'senior'],
  ['sr', 'senior'],
  ['snr', 'senior'],
  ['experienced', 'senior'],
  ['junior', 'junior'],
  ['jr', 'junior'],
  ['entry level', 'junior'],
  ['early career', 'junior'],
  ['graduate', 'junior'],
  ['new grad', 'junior'],
  ['college hire', 'junior'],
  ['trainee', 'junior'],
  ['apprentice', 'junior'],
  ['postdoc', 'junior'],
  ['postdoctoral', 'junior'],
  ['mid level', 'mid'],
  ['intermediate', 'mid'],
  ['lead', 'lead'],
  ['staff', 'staff'],
  ['principal', 'principal'],
  ['principle', 'principal'],
  ['head of', 'head'],
  ['chief', 'executive'],
]);

/** Words that only grade a level (`I`, `II`, `Level 3`): kept as `level`, never part of the career. */
export const ROMAN_LEVELS = new Set(['i', 'ii', 'iii', 'iv', 'v', 'vi']);

/** Lowercase word or phrase → the employment it states. */
export const EMPLOYMENT_WORDS = new Map<string, Employment>([
  ['contract', 'contract'],
  ['contractor', 'contract'],
  ['contract to hire', 'contract'],
  ['c2h', 'contract'],
  ['temp', 'temporary'],
  ['temporary', 'temporary'],
  ['seasonal', 'temporary'],
  ['fixed term', 'temporary'],
  ['part time', 'part-time'],
  ['pt', 'part-time'],
  ['full time', 'full-time'],
  ['ft', 'full-time'],
  ['permanent', 'full-time'],
  ['intern', 'internship'],
  ['internship', 'internship'],
  ['co op', 'internship'],
  ['freelance', 'freelance'],
  ['per diem', 'temporary'],
]);

/** Lowercase word or phrase → remote or hybrid. */
export const REMOTE_WORDS = new Map<string, 'remote' | 'hybrid'>([
  ['remote', 'remote'],
  ['fully remote', 'remote'],
  ['remote first', 'remote'],
  ['work from home', 'remote'],
  ['wfh', 'remote'],
  ['telecommute', 'remote'],
  ['anywhere', 'remote'],
  ['hybrid', 'hybrid'],
]);

/**
 * Places that appear as title suffixes: regions, countries, US states and large cities. A
 * qualifier made only of these (and joining words) is a location, not a team.
 */
export const PLACE_WORDS = new Set(
  `
us usa u.s united states america americas amer north south east west central midwest northeast southeast
southwest northwest emea apac apj anz latam europe european eu uk united kingdom britain england ireland
germany france spain italy netherlands poland portugal sweden switzerland canada mexico brazil argentina
india china japan singapore australia new zealand israel dubai uae global international worldwide
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
mississippi missouri montana nebraska nevada hampshire jersey mexico york carolina dakota ohio oklahoma
oregon pennsylvania rhode island tennessee texas utah vermont virginia washington wisconsin wyoming
al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh
ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc
nyc sf bay area la new york san francisco los angeles chicago boston seattle austin denver atlanta dallas
houston miami philadelphia phoenix portland san diego san jose charlotte milwaukee cambridge london paris
berlin amsterdam dublin toronto vancouver montreal bangalore bengaluru hyderabad tokyo sydney melbourne
remote onsite on site based hq region city area metro and or
`
    .trim()
    .split(/\s+/),
);

/**
 * Abbreviations recruiters write, by their exact spelling (so `IT` expands and `it` does not).
 * Level words (`Sr`, `Jr`) are not here: they become the seniority attribute.
 */
export const TITLE_ABBREVIATIONS = new Map<string, string>(
  Object.entries({
    ML: 'Machine Learning',
    AI: 'Artificial Intelligence',
    NLP: 'Natural Language Processing',
    CV: 'Computer Vision',
    BI: 'Business Intelligence',
    SWE: 'Software Engineer',
    SDE: 'Software Development Engineer',
    SDET: 'Software Development Engineer in Test',
    SRE: 'Site Reliability Engineer',
    MLE: 'Machine Learning Engineer',
    QA: 'Quality Assurance',
    QC: 'Quality Control',
    PM: 'Product Manager',
    TPM: 'Technical Program Manager',
    VP: 'Vice President',
    SVP: 'Senior Vice President',
    EVP: 'Executive Vice President',
    AVP: 'Assistant Vice President',
    UX: 'User Experience',
    UI: 'User Interface',
    HR: 'Human Resources',
    IT: 'Information Technology',
    DBA: 'Database Administrator',
    SDR: 'Sales Development Representative',
    BDR: 'Business Development Representative',
    CSM: 'Customer Success Manager',
    AE: 'Account Executive',
    RN: 'Registered Nurse',
    MLT: 'Medical Laboratory Technician',
    Mgr: 'Manager',
    Mngr: 'Manager',
    Mgmt: 'Management',
    Eng: 'Engineer',
    Engr: 'Engineer',
    Dev: 'Developer',
    Admin: 'Administrator',
    Assoc: 'Associate',
    Asst: 'Assistant',
    Dir: 'Director',
    Exec: 'Executive',
    Rep: 'Representative',
    Svcs: 'Services',
    Spec: 'Specialist',
    Coord: 'Coordinator',
  }),
);
