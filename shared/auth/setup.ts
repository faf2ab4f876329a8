import { z } from 'zod';
import { text } from '../text';

/** A new organisation with its first manager: the server's first run, and the operator's later ones. */
export const newOrganisationSchema = z.strictObject({
  organisationName: text().trim().min(1).max(200),
  managerName: text().trim().min(1).max(200),
  email: z.email(),
  password: text().min(10, 'at least 10 characters').max(200),
});

export type NewOrganisationInput = z.infer<typeof newOrganisationSchema>;

/** `GET /v1/setup`: whether this server still waits for its first organisation. */
export interface SetupStatus {
  needed: boolean;
}
