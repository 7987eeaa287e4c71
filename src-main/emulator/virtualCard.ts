import { constants, privateEncrypt, type KeyObject } from 'node:crypto';
import { EF, JPKI_AID, MAX_TRIES } from '../jpki/constants';

/** Everything that makes one virtual card. Bytes are the EF contents. */
export interface VirtualCardSpec {
  atr: Uint8Array;
  hasJpkiApplet: boolean;
  /** EF id -> content. A missing id answers 6A82 on SELECT. */
  files: Map<number, Uint8Array>;
  /** Absent -> the PIN EF does not exist (6A82). */
  signPin?: { pin: string; triesLeft: number };
  authPin?: { pin: string; triesLeft: number };
  /** EF 0001 readable without the signing PIN (blank-file face-auth variants). */
  signCertOpen?: boolean;
  /** What a blocked PIN answers; which one real cards use is unconfirmed. */
  blockedSw?: 0x63c0 | 0x6983;
  /**
   * The signing PIN EF exists but every VERIFY on it (with or without data)
   * answers this status word instead of a counter: a face-auth form.
   */
  signPinVerifySw?: number;
  /** The signing private key (EF 001A). Absent: the card answers 6A81 to a signature. */
  signKey?: KeyObject;
  /** COMPUTE DIGITAL SIGNATURE with the signing key answers this status word instead of signing. */
  signatureSw?: number;
}

export interface CardCounters {
  signTriesLeft?: number;
  authTriesLeft?: number;
  /** Command APDUs processed since the card was created. */
  apdus: number;
  /** VERIFY commands that carried a PIN (each may cost a try). */
  pinVerifications: number;
  /** COMPUTE DIGITAL SIGNATURE commands received, whatever the answer. */
  signatureCommands: number;
}

interface PinState {
  ef: number;
  pin: Uint8Array;
  max: number;
  triesLeft: number;
  verified: boolean;
}

const KEY_EFS = new Set([0x0017, 0x001a]);

const sw = (value: number, data?: Uint8Array): Uint8Array => {
  const out = new Uint8Array((data?.length ?? 0) + 2);
  if (data) out.set(data);
  out[out.length - 2] = value >> 8;
  out[out.length - 1] = value & 0xff;
  return out;
};

/**
 * A JPKI card's command behaviour as a pure state machine: APDU bytes in,
 * response bytes out. The transport (vpcd) lives elsewhere.
 */
export class VirtualCard {
  readonly atr: Uint8Array;
  private readonly spec: VirtualCardSpec;
  private readonly pins = new Map<number, PinState>();
  private appletSelected = false;
  private currentEf: number | undefined;
  private apdus = 0;
  private pinVerifications = 0;
  private signatureCommands = 0;

  constructor(spec: VirtualCardSpec) {
    this.spec = spec;
    this.atr = spec.atr;
    const enc = new TextEncoder();
    if (spec.signPin) {
      this.pins.set(EF.signPin, { ef: EF.signPin, pin: enc.encode(spec.signPin.pin), max: MAX_TRIES.sign, triesLeft: spec.signPin.triesLeft, verified: false });
    }
    if (spec.authPin) {
      this.pins.set(EF.authPin, { ef: EF.authPin, pin: enc.encode(spec.authPin.pin), max: MAX_TRIES.auth, triesLeft: spec.authPin.triesLeft, verified: false });
    }
  }

  counters(): CardCounters {
    return {
      signTriesLeft: this.pins.get(EF.signPin)?.triesLeft,
      authTriesLeft: this.pins.get(EF.authPin)?.triesLeft,
      apdus: this.apdus,
      pinVerifications: this.pinVerifications,
      signatureCommands: this.signatureCommands,
    };
  }

  /** Power off or reset: selection and security status are lost; counters stay. */
  reset(): void {
    this.appletSelected = false;
    this.currentEf = undefined;
    for (const p of this.pins.values()) p.verified = false;
  }

  process(command: Uint8Array): Uint8Array {
    this.apdus++;
    if (command.length < 4) return sw(0x6700);
    const [cla, ins, p1, p2] = command;
    if (cla !== 0x00 && cla !== 0x80) return sw(0x6e00);
    if (cla === 0x80) return ins === 0x2a ? this.computeSignature(p1, p2, command) : sw(0x6d00);
    switch (ins) {
      case 0xa4:
        return this.select(p1, p2, command);
      case 0xb0:
        return this.readBinary(p1, p2, command);
      case 0x20:
        return this.verify(p1, p2, command);
      default:
        return sw(0x6d00);
    }
  }

  private body(command: Uint8Array): Uint8Array | null {
    if (command.length < 6) return null;
    const lc = command[4];
    // Case 3 (Lc + data) or case 4 (Lc + data + Le).
    if (command.length !== 5 + lc && command.length !== 6 + lc) return null;
    return command.subarray(5, 5 + lc);
  }

  private select(p1: number, p2: number, command: Uint8Array): Uint8Array {
    if (p2 !== 0x0c && p2 !== 0x00) return sw(0x6a86);
    const data = this.body(command);
    if (!data) return sw(0x6700);
    if (p1 === 0x04) {
      const isJpki = this.spec.hasJpkiApplet && data.length === JPKI_AID.length && data.every((b, i) => b === JPKI_AID[i]);
      if (!isJpki) return sw(0x6a82);
      this.appletSelected = true;
      this.currentEf = undefined;
      return sw(0x9000);
    }
    if (p1 === 0x02) {
      if (data.length !== 2) return sw(0x6700);
      if (!this.appletSelected) return sw(0x6a82);
      const ef = (data[0] << 8) | data[1];
      if (!this.spec.files.has(ef) && !this.pins.has(ef) && !KEY_EFS.has(ef)) return sw(0x6a82);
      this.currentEf = ef;
      return sw(0x9000);
    }
    return sw(0x6a86);
  }

  private readBinary(p1: number, p2: number, command: Uint8Array): Uint8Array {
    if (command.length !== 5) return sw(0x6700);
    if (p1 & 0x80) return sw(0x6a86); // short EF identifiers are not supported
    if (this.currentEf === undefined) return sw(0x6986);
    const file = this.spec.files.get(this.currentEf);
    if (!file) return sw(0x6981); // PIN or key EF: not a binary file
    if (this.currentEf === EF.signCert && !this.spec.signCertOpen && !this.pins.get(EF.signPin)?.verified) {
      return sw(0x6982);
    }
    const offset = (p1 << 8) | p2;
    const le = command[4] === 0 ? 256 : command[4];
    if (offset >= file.length) return sw(0x6b00);
    const end = Math.min(file.length, offset + le);
    return sw(end - offset < le ? 0x6282 : 0x9000, file.subarray(offset, end));
  }

  private verify(p1: number, p2: number, command: Uint8Array): Uint8Array {
    if (p1 !== 0x00 || p2 !== 0x80) return sw(0x6a86);
    const pin = this.currentEf === undefined ? undefined : this.pins.get(this.currentEf);
    if (!pin) return sw(0x6a88); // referenced data not found: no PIN EF selected
    if (pin.ef === EF.signPin && this.spec.signPinVerifySw !== undefined) return sw(this.spec.signPinVerifySw);
    const blocked = this.spec.blockedSw ?? 0x63c0;
    if (command.length === 4) {
      return sw(pin.triesLeft === 0 ? blocked : 0x63c0 | pin.triesLeft);
    }
    const data = this.body(command);
    if (!data || data.length === 0) return sw(0x6700);
    this.pinVerifications++;
    if (pin.triesLeft === 0) return sw(blocked);
    const same = data.length === pin.pin.length && data.every((b, i) => b === pin.pin[i]);
    if (same) {
      pin.triesLeft = pin.max;
      pin.verified = true;
      return sw(0x9000);
    }
    pin.triesLeft--;
    pin.verified = false;
    return sw(0x63c0 | pin.triesLeft);
  }

  /** 80 2A 00 80 Lc <DigestInfo> 00: PKCS#1 v1.5 type-1 padding, then the RSA private operation. */
  private computeSignature(p1: number, p2: number, command: Uint8Array): Uint8Array {
    this.signatureCommands++;
    const keyPin = this.currentEf === 0x001a ? EF.signPin : this.currentEf === 0x0017 ? EF.authPin : undefined;
    if (keyPin === undefined) return sw(0x6985);
    if (p1 !== 0x00 || p2 !== 0x80) return sw(0x6a86);
    if (!this.pins.get(keyPin)?.verified) return sw(0x6982);
    if (keyPin === EF.signPin && this.spec.signatureSw !== undefined) return sw(this.spec.signatureSw);
    // Only the signing key signs here; the authentication key is not needed by the doctor.
    const key = keyPin === EF.signPin ? this.spec.signKey : undefined;
    if (!key) return sw(0x6a81);
    const data = this.body(command);
    // RSA-2048 with PKCS#1 v1.5 padding takes at most 245 bytes.
    if (!data || data.length === 0 || data.length > 245) return sw(0x6700);
    return sw(0x9000, Uint8Array.from(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, data)));
  }
}
