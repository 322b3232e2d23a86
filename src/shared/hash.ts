import { createHash } from 'node:crypto';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
export const md5Hex = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');
