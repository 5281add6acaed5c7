// The served API's self-signed certificate: its DER must be what OpenSSL accepts, whatever the
// random serial number is. A serial starting with a zero byte used to be written with that
// padding, and one run in 256 could not start its server ("illegal padding").
import { X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { derInteger, loopbackCertificate } from '../../server/certificate';

const hex = (buffer: Buffer) => buffer.toString('hex');

describe('the loopback certificate', () => {
  it('writes integers in their minimal DER form', () => {
    expect(hex(derInteger(Buffer.from([0x00, 0x12, 0x34])))).toBe('02021234');
    expect(hex(derInteger(Buffer.from([0x00, 0x00, 0x92])))).toBe('02020092');
    expect(hex(derInteger(Buffer.from([0x92])))).toBe('02020092');
    expect(hex(derInteger(Buffer.from([0x00, 0x00])))).toBe('020100');
    expect(hex(derInteger(Buffer.from([2])))).toBe('020102');
  });

  it('is accepted by OpenSSL for 127.0.0.1 and localhost, as a CA', () => {
    const { cert, key } = loopbackCertificate(new Date('2026-12-07T12:00:00Z'));
    expect(() => createSecureContext({ cert, key })).not.toThrow();
    const parsed = new X509Certificate(cert);
    expect(parsed.ca).toBe(true);
    expect(parsed.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(parsed.checkHost('localhost')).toBe('localhost');
    expect(parsed.validTo).toBe('Dec  7 12:00:00 2027 GMT');
  });
});
