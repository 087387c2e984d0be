/**
 * Titles recruiters use every day that O*NET 29.2 lacks, files under an occupation whose
 * description does not fit, or spreads over several occupations without evidence to pick one.
 * Each entry is a whole job family (its usual spellings), chosen from the O*NET-SOC definitions,
 * not from any one data set. Pure data; the matcher consults it before O*NET's own names.
 */

/** O*NET-SOC code → the titles that mean that occupation (abbreviations are expanded by the matcher). */
export const CURATED_TITLES: Record<string, string[]> = {
  // Data Scientists: apply statistics and machine learning to data. O*NET spreads the ML
  // titles over three occupations with equal evidence.
  '15-2051.00': [
    'Machine Learning Engineer',
    'Machine Learning Developer',
    'Machine Learning Scientist',
    'Applied Machine Learning Scientist',
    'Applied Machine Learning Engineer',
    'Deep Learning Engineer',
    'Deep Learning Scientist',
    'Computer Vision Engineer',
    'MLOps Engineer',
    'Machine Learning Operations Engineer',
    'Machine Learning Infrastructure Engineer',
    'Machine Learning Platform Engineer',
    'Artificial Intelligence Developer',
    'Artificial Intelligence Programmer',
    'Applied Scientist',
    'Applied Data Scientist',
    'Data Science Engineer',
    'Data Science Consultant',
    'Analytics Consultant',
    'Data Analytics Consultant',
    'Data Science Specialist',
    'Data Science Lead',
    'Data Science Intern',
    'Data Science Associate',
  ],
  // Database Architects: O*NET's strongest evidence for "Data Engineer" and the pipeline and platform titles around it.
  '15-1243.00': [
    'Data Engineer',
    'Big Data Engineer',
    'Cloud Data Engineer',
    'Data Platform Engineer',
    'Data Operations Engineer',
    'Data Pipeline Engineer',
    'Data Infrastructure Engineer',
    'Data Architect',
    'Big Data Architect',
    'Cloud Data Architect',
    'Data Modeler',
    'Data Engineering Analyst',
    'Data Engineering Lead',
  ],
  // Data Warehousing Specialists: model and transform the warehouse for analysis.
  '15-1243.01': ['Analytics Engineer', 'Data Analytics Engineer', 'ETL Developer', 'ETL Engineer', 'Data Warehouse Engineer', 'Data Warehouse Developer'],
  // Business Intelligence Analysts: the SOC places data analysts, reporting and dashboard developers here.
  '15-2051.01': [
    'Data Analyst',
    'Business Data Analyst',
    'Business Intelligence Developer',
    'Business Intelligence Engineer',
    'Business Intelligence Data Analyst',
    'Power Business Intelligence Developer',
    'Tableau Developer',
    'Reporting Analyst',
    'Data Analytics Analyst',
    'Data Analytics Lead',
    'Data Operations Analyst',
    'Product Data Analyst',
    'Product Analyst',
    'Analytics Analyst',
  ],
  // Computer and Information Research Scientists: research titles in computing.
  '15-1221.00': ['Machine Learning Researcher', 'Machine Learning Research Engineer', 'Artificial Intelligence Researcher', 'Computer Vision Researcher'],
  // Computer Systems Engineers/Architects: the systems side of software.
  '15-1299.08': ['Site Reliability Engineer', 'Infrastructure Engineer', 'Platform Engineer', 'Cloud Engineer', 'Cloud Architect'],
  '15-1299.05': ['Application Security Engineer', 'Security Engineer', 'Cloud Security Engineer', 'Product Security Engineer'],
  '15-1252.00': ['Software Engineer', 'Backend Engineer', 'Frontend Engineer', 'Full Stack Engineer', 'Full Stack Developer', 'Mobile Engineer'],
  // Sales of services (software subscriptions): O*NET files "Account Executive" under advertising managers
  // and "Customer Success Manager" under office supervisors.
  '41-3091.00': [
    'Account Executive',
    'Enterprise Account Executive',
    'Sales Development Representative',
    'Business Development Representative',
    'Customer Success Manager',
    'Inside Sales Representative',
    'Account Manager',
  ],
  // Medical and Clinical Laboratory Technologists: MLS/CLS is the credential title of medical technologists;
  // O*NET also lists it under research scientists, which do not work in clinical laboratories.
  '29-2011.00': ['Medical Laboratory Scientist', 'Clinical Laboratory Scientist', 'Medical Technologist', 'Clinical Laboratory Technologist'],
  '11-2021.00': ['Product Manager', 'Technical Product Manager', 'Product Marketing Manager', 'Marketing Operations Manager', 'Field Marketing Manager'],
  '15-1299.09': ['Technical Program Manager', 'Data Science Project Manager', 'Data Analytics Project Manager', 'IT Project Manager'],
};

/**
 * Fields whose managers are Computer and Information Systems Managers (11-3021): a title made
 * of one of these and a rank (`Data Science Manager`, `Director of Analytics`, `Head of Data`).
 */
export const COMPUTING_FIELDS = [
  'Data',
  'Data Science',
  'Data Scientist',
  'Analytics',
  'Advanced Analytics',
  'Data Analytics',
  'Data Engineering',
  'Machine Learning',
  'Artificial Intelligence',
  'Business Intelligence',
  'Data Management',
  'Data Platform',
  'Software Engineering',
  'Software Development',
  'Engineering',
  'Information Technology',
  'Data Operations',
  'Platform',
];
/** Ranks that make a field title a management title. */
export const MANAGEMENT_RANKS = ['Manager', 'Director', 'Vice President'];
export const MANAGEMENT_CODE = '11-3021.00';

/**
 * Field words of industry research titles ("Scientist, Immunology", "PV Scientist") that O*NET's
 * text ties as closely to another occupation, or never uses, mapped to the occupation whose
 * O*NET-SOC definition covers the field. General life-science and pharma vocabulary, not titles:
 * a word here adds its career to a generic title's candidates (only when the career answers to
 * the title's role word) and weighs it like a field that names the career ("Chemistry" →
 * Chemists); the careers' own text still ranks them. Matched on word stems (title-fields.ts).
 */
export const CURATED_FIELDS: Record<string, string[]> = {
  // Medical Scientists: research on human disease and health; the SOC definition includes
  // pharmacologists and medical pathologists, and the drug-safety and translational work of pharma research.
  '19-1042.00': [
    'Immunology',
    'Immunologist',
    'Immuno-oncology',
    'Autoimmune',
    'Autoimmunity',
    'Inflammation',
    'Antibody',
    'Antibodies',
    'Oncology',
    'Cancer Biology',
    'Pharmacology',
    'Pharmacokinetics',
    'Pharmacodynamics',
    'DMPK',
    'Toxicology',
    'Pharmacovigilance',
    'PV',
    'Drug Safety',
    'Biomarker',
    'Biomarkers',
    'Translational',
    'Pathology',
    'Infectious Disease',
    'Vaccine',
    'Vaccines',
    'Clinical Research',
  ],
  // Epidemiologists: studies of disease in populations, including pharma's real-world evidence and outcomes research.
  '19-1041.00': ['Epidemiology', 'Real World Evidence', 'RWE', 'Health Outcomes', 'Outcomes Research', 'Pharmacoepidemiology'],
  // Microbiologists: bacteria, viruses and other microorganisms.
  '19-1022.00': ['Microbiology', 'Bacteriology', 'Virology', 'Viral', 'Mycology'],
  // Biochemists and Biophysicists: proteins and the chemistry and physics of living cells.
  '19-1021.00': ['Protein', 'Proteins', 'Protein Science', 'Biophysics', 'Structural Biology', 'Enzymology', 'Biochemistry'],
  // Geneticists: genes and heredity.
  '19-1029.03': ['Genetics', 'Genomics', 'Pharmacogenomics', 'Pharmacogenetics'],
  // Molecular and Cellular Biologists.
  '19-1029.02': ['Stem Cell', 'Stem Cells', 'Cell Biology', 'Molecular Biology'],
  // Chemists: analytical, medicinal and process chemistry.
  '19-2031.00': ['Analytical Chemistry', 'Medicinal Chemistry', 'Process Chemistry', 'Method Development', 'Analytical Development'],
};
