export { humanDuration, shortHumanDuration, goDuration } from './duration';
export { rfc3339, rfc3339Micro, rfc1123z, parseRfc3339 } from './timestamp';
