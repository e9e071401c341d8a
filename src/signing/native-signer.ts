/**
 * A @signpdf signer that builds the same PKCS#7 detached signature as P12Signer (sha256, signed
 * attributes contentType, signingTime, messageDigest; signer and CA certificates) from an identity
 * parsed ONCE: P12Signer decrypts its PKCS#12 bundle (3DES and key derivation in pure JS) on every
 * signature, and forge's RSA is pure JS too — here the RSA operation is Node's native one.
 */
import { createPrivateKey, privateEncrypt, constants, type KeyObject } from 'node:crypto';
import { Signer } from '@signpdf/signpdf';
import forge from 'node-forge';
import type { PkiIdentity } from './dev-pki';

/** DER prefix of a DigestInfo for SHA-256 (RFC 8017, 9.2 note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export class NativeKeySigner extends Signer {
  private readonly key: KeyObject;
  private readonly certificate: forge.pki.Certificate;
  private readonly chain: forge.pki.Certificate[];

  constructor(identity: PkiIdentity, ca: PkiIdentity) {
    super();
    this.key = createPrivateKey(identity.privateKeyPem);
    this.certificate = forge.pki.certificateFromPem(identity.certificatePem);
    this.chain = [this.certificate, forge.pki.certificateFromPem(ca.certificatePem)];
  }

  /** `signingTime` is the approval's business time; signpdf always passes it here. */
  async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    if (!signingTime) throw new Error('NativeKeySigner needs the signing time');
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdfBuffer.toString('binary'));
    for (const c of this.chain) p7.addCertificate(c);
    const key = this.key;
    // forge asks the key to sign the digest of the signed attributes: RSASSA-PKCS1-v1_5 over a DigestInfo.
    const nativeKey = {
      sign(md: forge.md.MessageDigest): string {
        const digest = Buffer.from(md.digest().getBytes(), 'binary');
        return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest])).toString('binary');
      },
    };
    p7.addSigner({
      key: nativeKey as unknown as forge.pki.rsa.PrivateKey,
      certificate: this.certificate,
      digestAlgorithm: forge.pki.oids.sha256,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime, value: signingTime as unknown as string },
        { type: forge.pki.oids.messageDigest },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}
