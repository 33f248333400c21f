/**
 * The portal's identity (config/site.json): the names in the header and what every Chinese government site's footer
 * carries (主办/承办单位, contact, address, hours, ICP and public-security registrations, 网站标识码, 我为政府网站找错).
 * Validated at load, so a broken file stops the build instead of rendering an empty footer.
 */
import { z } from 'zod';
import raw from '@/config/site.json' with { type: 'json' };

const text = z.string().trim().min(1);
const link = z.object({ name: text, url: z.url({ protocol: /^https$/ }) });
const registration = z.object({ number: text, url: z.url({ protocol: /^https$/ }) });

const siteSchema = z.object({
  cityName: text,
  platformName: text,
  platformSubtitle: text,
  cityGovernment: link,
  sponsor: text,
  organizer: text,
  dataSource: text,
  phone: text,
  address: text,
  postcode: z.string().regex(/^\d{6}$/),
  hours: text,
  icp: registration,
  publicSecurity: registration,
  siteCode: z.string().regex(/^\d{10}$/),
  errorReport: link,
});

export type Site = z.infer<typeof siteSchema>;

export const SITE: Site = siteSchema.parse(raw);
