/**
 * Which careers an Indeed Hiring Lab occupational sector speaks for: the 6-digit SOC codes whose
 * work is the sector's core, read from the sector's example titles (sector-job-title-examples.csv
 * in the publisher's repository). Reviewed by hand; a sector whose titles span many unrelated
 * occupations (Banking & Finance, Information Design & Documentation, Scientific Research &
 * Development) maps to none rather than to a guess. A sector's index applies to every O*NET
 * career under its codes.
 */
export const SECTOR_SOC_CODES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  Accounting: ['13-2011'],
  'Administrative Assistance': ['43-6014', '43-4171'],
  Architecture: ['17-1011', '27-1025'],
  'Beauty & Wellness': ['39-5012'],
  Childcare: ['39-9011', '25-2011'],
  'Civil Engineering': ['17-2051'],
  'Cleaning & Sanitation': ['37-2011', '37-2012'],
  'Community & Social Service': ['21-1021', '21-1022', '21-1093'],
  Construction: ['47-2061', '47-2073'],
  'Customer Service': ['43-4051'],
  Dental: ['31-9091', '29-1292'],
  Driving: ['53-3032', '53-3033'],
  'Education & Instruction': ['25-2021', '25-2031'],
  'Electrical Engineering': ['17-2071'],
  'Food Preparation & Service': ['35-2014', '35-3031'],
  'Hospitality & Tourism': ['39-6012'],
  'Human Resources': ['13-1071', '11-3121'],
  'IT Operations & Helpdesk': ['15-1244', '15-1232', '11-3021'],
  'Industrial Engineering': ['17-2112'],
  'Installation & Maintenance': ['49-9071'],
  Insurance: ['41-3021', '13-2053'],
  Legal: ['23-2011', '13-1041'],
  'Loading & Stocking': ['53-7062', '53-7051'],
  'Logistic Support': ['13-1081', '43-5032'],
  Management: ['11-1021'],
  Marketing: ['11-2021', '13-1161'],
  Mathematics: ['15-2051', '15-2041'],
  'Media & Communications': ['27-4021', '27-3043'],
  'Medical Information': ['29-2072'],
  'Medical Technician': ['31-9092'],
  Nursing: ['29-1141', '29-2061'],
  'Personal Care & Home Health': ['31-1121', '31-1122'],
  Pharmacy: ['29-2052', '29-1051'],
  'Physicians & Surgeons': ['29-1041', '29-1215', '29-1216'],
  'Production & Manufacturing': ['51-2092'],
  'Project Management': ['13-1082'],
  Retail: ['41-2031', '41-2011'],
  Sales: ['41-4012'],
  'Security & Public Safety': ['33-9032'],
  'Software Development': ['15-1252', '15-1253', '15-1254'],
  Sports: ['27-2022', '39-9031'],
  Therapy: ['29-1123', '29-1122'],
  Veterinary: ['29-2056', '29-1131'],
});
