/**
 * Development PKI with node-forge: a CA and per-agency signing certificates, PKCS#12 bundles for
 * @signpdf, and verification of a PDF's PKCS#7 detached signature against the CA. Pure functions.
 */
import { createHash, createVerify, generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';

export interface PkiIdentity {
  certificatePem: string;
  privateKeyPem: string;
  serial: string;
  subject: string;
}

const P12_PASSPHRASE = 'motcua-dev';

const generateRsa = promisify(generateKeyPair);

async function newKeyPair(): Promise<{ privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string }> {
  // Node's native RSA generation on libuv's thread pool: forge's pure-JS one takes seconds, and a
  // synchronous one would stall every other request of the process for the ~second it takes.
  const { privateKey } = await generateRsa('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), pem };
}

function serialNumber(): string {
  const b = randomBytes(16);
  b[0] &= 0x7f; // positive
  return b.toString('hex');
}

const subjectText = (attrs: forge.pki.CertificateField[]) => attrs.map((a) => `${a.shortName}=${a.value}`).join(', ');

export async function createCa(provinceName: string): Promise<PkiIdentity> {
  const { privateKey, publicKey, pem } = await newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  const attrs = [
    { shortName: 'C', value: 'VN' },
    { shortName: 'O', value: forge.util.encodeUtf8(`Cổng dịch vụ công ${provinceName} (môi trường phát triển)`) },
    { shortName: 'CN', value: 'motcua Development CA' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(cert), privateKeyPem: pem, serial: cert.serialNumber, subject: 'CN=motcua Development CA' };
}

export async function createSigner(ca: PkiIdentity, agencyCode: string, agencyName: string): Promise<PkiIdentity> {
  const caCert = forge.pki.certificateFromPem(ca.certificatePem);
  const caKey = forge.pki.privateKeyFromPem(ca.privateKeyPem);
  const { publicKey, pem } = await newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 86_400_000);
  const attrs = [
    { shortName: 'C', value: 'VN' },
    { shortName: 'O', value: forge.util.encodeUtf8(agencyName) },
    { shortName: 'OU', value: agencyCode },
    { shortName: 'CN', value: forge.util.encodeUtf8(agencyName) },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(cert), privateKeyPem: pem, serial: cert.serialNumber, subject: `OU=${agencyCode}, CN=${agencyName}` };
}

/** PKCS#12 bundle (key + certificate chain) as @signpdf/signer-p12 expects it. */
export function toP12(signer: PkiIdentity, ca: PkiIdentity): { p12: Buffer; passphrase: string } {
  const key = forge.pki.privateKeyFromPem(signer.privateKeyPem);
  const chain = [forge.pki.certificateFromPem(signer.certificatePem), forge.pki.certificateFromPem(ca.certificatePem)];
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, chain, P12_PASSPHRASE, { algorithm: '3des' });
  return { p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), passphrase: P12_PASSPHRASE };
}

export interface SignatureCheck {
  signed: boolean;
  /** The signed byte ranges hash to the digest inside the signature. */
  integrity: boolean;
  /** The signature over the signed attributes verifies with the signer's certificate. */
  signatureValid: boolean;
  /** The signer's certificate was issued by our CA. */
  chainValid: boolean;
  /** The signature covers the whole file (nothing appended after signing). */
  coversWholeFile: boolean;
  signerSubject?: string;
  signerOrganisationUnit?: string;
  signingTime?: string;
  problem?: string;
}

/** Checks the (last) PKCS#7 detached signature of a PDF against the CA certificate. */
export function verifyPdfSignature(pdf: Buffer, caPem: string): SignatureCheck {
  const none: SignatureCheck = { signed: false, integrity: false, signatureValid: false, chainValid: false, coversWholeFile: false };
  const text = pdf.toString('latin1');
  const brIdx = text.lastIndexOf('/ByteRange');
  if (brIdx < 0) return { ...none, problem: 'Tệp không có chữ ký số' };
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(brIdx, brIdx + 200));
  if (!m) return { ...none, problem: 'Không đọc được vùng ký (ByteRange)' };
  const [a, b, c, d] = m.slice(1).map(Number);
  if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) return { ...none, signed: true, problem: 'Vùng ký (ByteRange) không hợp lệ' };
  const signedData = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const hex = pdf.subarray(b + 1, c - 1).toString('latin1').replace(/0+$/, '');
  try {
    const der = Buffer.from(hex.length % 2 ? hex + '0' : hex, 'hex').toString('binary');
    const p7 = forge.pkcs7.messageFromAsn1(forge.asn1.fromDer(der)) as forge.pkcs7.PkcsSignedData & {
      rawCapture: { signature: string; authenticatedAttributes: forge.asn1.Asn1[]; digestAlgorithm: string };
    };
    const cert = p7.certificates[0];
    const { signature, authenticatedAttributes: attrs, digestAlgorithm } = p7.rawCapture;
    const hashName = forge.pki.oids[forge.asn1.derToOid(digestAlgorithm)] ?? 'sha256';
    const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs);
    const attrBytes = Buffer.from(forge.asn1.toDer(set).getBytes(), 'binary');
    const certPem = forge.pki.certificateToPem(cert);
    const signatureValid = createVerify(hashName.toUpperCase().replace('SHA', 'SHA')).update(attrBytes).verify(certPem, Buffer.from(signature, 'binary'));
    const oidOf = (at: forge.asn1.Asn1) => forge.asn1.derToOid((at.value[0] as forge.asn1.Asn1).value as string);
    const digestAttr = attrs.find((at) => oidOf(at) === forge.pki.oids.messageDigest);
    const timeAttr = attrs.find((at) => oidOf(at) === forge.pki.oids.signingTime);
    const attrDigest = digestAttr ? ((digestAttr.value[1] as forge.asn1.Asn1).value[0] as forge.asn1.Asn1).value : '';
    const integrity = createHash(hashName).update(signedData).digest().toString('binary') === attrDigest;
    let chainValid = false;
    try {
      chainValid = forge.pki.certificateFromPem(caPem).verify(cert);
    } catch {
      chainValid = false;
    }
    let signingTime: string | undefined;
    if (timeAttr) {
      const v = (timeAttr.value[1] as forge.asn1.Asn1).value[0] as forge.asn1.Asn1;
      const t = v.type === forge.asn1.Type.UTCTIME ? forge.asn1.utcTimeToDate(v.value as string) : forge.asn1.generalizedTimeToDate(v.value as string);
      signingTime = t.toISOString();
    }
    const cn = cert.subject.getField('CN');
    const ou = cert.subject.getField('OU');
    return {
      signed: true,
      integrity,
      signatureValid,
      chainValid,
      coversWholeFile: c + d === pdf.length,
      signerSubject: cn ? forge.util.decodeUtf8(cn.value as string) : undefined,
      signerOrganisationUnit: ou ? String(ou.value) : undefined,
      signingTime,
    };
  } catch {
    return { ...none, signed: true, problem: 'Không đọc được chữ ký số (PKCS#7)' };
  }
}
