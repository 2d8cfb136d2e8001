/** The Phú Thọ agencies the tests act in (identifiers of infra/province/phu-tho/province.ts). */
export const PASC = '000.00.01.H45';
export const FINANCE = '000.00.06.H45';
export const JUSTICE = '000.00.12.H45';
export const CONSTRUCTION = '000.00.15.H45';
export const HEALTH = '000.00.18.H45';
export const AGRI_ENV = '000.00.21.H45';
export const HOME_AFFAIRS = '000.00.22.H45';
export const POLICE = '000.00.30.H45';
export const LAND_OFFICE = '000.21.01.H45';
export const TAX = '000.50.01.H45';
export const SOCIAL_INSURANCE = '000.51.01.H45';
export const VIET_TRI = '000.31.01.H45';
export const VINH_YEN = '000.31.02.H45';
export const HA_HOA_POLICE = '000.30.03.H45';
