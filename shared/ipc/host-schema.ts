import { z } from 'zod';
import { text } from '../text';

const ipv4 = z.ipv4();
const ipv6 = z.ipv6();
const hostName =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
/** A printer's or mail server's IP address or host name; a URL, a port or a path is refused. */
export const hostSchema = text()
  .trim()
  .min(1)
  .max(253)
  .refine(
    (v) =>
      ipv4.safeParse(v).success || ipv6.safeParse(v).success || (hostName.test(v) && !/^[\d.]+$/.test(v)),
    {
      message: 'enter an IP address or host name, without http:// or a port',
    },
  );
