import { readFileSync } from 'node:fs';

/**
 * What a native Node module (.node file) was built for, read from its bytes
 * without loading it: loading a module built for another ABI fails (or worse,
 * crashes), and the packaging check must run under plain Node for an Electron
 * target. Node-API modules are ABI-stable; others export
 * `node_register_module_v<NODE_MODULE_VERSION>`.
 */
export interface NativeModuleInfo {
  format: 'elf' | 'pe' | 'mach-o' | 'unknown';
  /** CPU architecture in Node's naming (x64, arm64, ia32, arm), when the header says. */
  arch?: string;
  /** NODE_MODULE_VERSION from the exported register symbol; undefined for Node-API or none found. */
  moduleVersion?: number;
  /** Exports napi_register_module_v1: loads in any Node or Electron with Node-API. */
  napi: boolean;
}

const ELF_MACHINES: Record<number, string> = { 0x03: 'ia32', 0x28: 'arm', 0x3e: 'x64', 0xb7: 'arm64' };
const PE_MACHINES: Record<number, string> = { 0x014c: 'ia32', 0x8664: 'x64', 0xaa64: 'arm64', 0x01c4: 'arm' };
const MACHO_CPUS: Record<number, string> = { 0x01000007: 'x64', 0x0100000c: 'arm64', 7: 'ia32', 12: 'arm' };

function headerOf(bytes: Buffer): Pick<NativeModuleInfo, 'format' | 'arch'> {
  if (bytes.length >= 20 && bytes.readUInt32BE(0) === 0x7f454c46) {
    const little = bytes[5] === 1;
    const machine = little ? bytes.readUInt16LE(18) : bytes.readUInt16BE(18);
    return { format: 'elf', arch: ELF_MACHINES[machine] };
  }
  if (bytes.length >= 64 && bytes[0] === 0x4d && bytes[1] === 0x5a) {
    const peAt = bytes.readUInt32LE(0x3c);
    if (peAt + 6 <= bytes.length && bytes.readUInt32BE(peAt) === 0x50450000) {
      return { format: 'pe', arch: PE_MACHINES[bytes.readUInt16LE(peAt + 4)] };
    }
    return { format: 'pe' };
  }
  if (bytes.length >= 8) {
    const magicLe = bytes.readUInt32LE(0);
    if (magicLe === 0xfeedfacf || magicLe === 0xfeedface) return { format: 'mach-o', arch: MACHO_CPUS[bytes.readUInt32LE(4)] };
    // A universal (fat) binary: several architectures; the symbol scan still applies.
    if (bytes.readUInt32BE(0) === 0xcafebabe) return { format: 'mach-o', arch: 'universal' };
  }
  return { format: 'unknown' };
}

/**
 * Symbol names sit NUL-terminated in the string table of every format (ELF
 * .dynstr, the PE export name table, the Mach-O string table with a leading
 * underscore), so a byte scan for the exact NUL-delimited name finds them.
 */
export function nativeModuleInfo(bytes: Buffer): NativeModuleInfo {
  const text = bytes.toString('latin1');
  const versions = new Set<number>();
  for (const match of text.matchAll(/\0_?node_register_module_v(\d+)\0/g)) versions.add(Number(match[1]));
  const napi = /\0_?napi_register_module_v1\0/.test(text);
  const { format, arch } = headerOf(bytes);
  return { format, ...(arch ? { arch } : {}), ...(versions.size === 1 ? { moduleVersion: [...versions][0] } : {}), napi };
}

export function readNativeModuleInfo(file: string): NativeModuleInfo {
  return nativeModuleInfo(readFileSync(file));
}

export type AbiVerdict =
  | { ok: true; info: NativeModuleInfo }
  | { ok: false; problem: 'missing' | 'wrong-abi' | 'wrong-format' | 'wrong-arch' | 'unreadable'; reason: string; info?: NativeModuleInfo };

export interface AbiTarget {
  /** NODE_MODULE_VERSION the runtime loads (process.versions.modules, or Electron's abi_version). */
  moduleVersion: number;
  format?: NativeModuleInfo['format'];
  arch?: string;
}

/** Whether a .node file can load in the target runtime, and why not in words a packager can act on. */
export function checkNativeModule(file: string, target: AbiTarget, read: (f: string) => Buffer = readFileSync): AbiVerdict {
  let bytes: Buffer;
  try {
    bytes = read(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, problem: 'missing', reason: `${file} does not exist` };
    return { ok: false, problem: 'unreadable', reason: `${file} cannot be read (${code ?? String(error)})` };
  }
  const info = nativeModuleInfo(bytes);
  if (target.format && info.format !== target.format) {
    return { ok: false, problem: 'wrong-format', info, reason: `${file} is a ${info.format} file; the target needs ${target.format}` };
  }
  if (target.arch && info.arch && info.arch !== 'universal' && info.arch !== target.arch) {
    return { ok: false, problem: 'wrong-arch', info, reason: `${file} is built for ${info.arch}; the target is ${target.arch}` };
  }
  if (info.napi && info.moduleVersion === undefined) return { ok: true, info };
  if (info.moduleVersion === undefined) {
    return { ok: false, problem: 'wrong-abi', info, reason: `${file} exports no node_register_module_v<N> symbol (not a Node module?)` };
  }
  if (info.moduleVersion !== target.moduleVersion) {
    return {
      ok: false,
      problem: 'wrong-abi',
      info,
      reason: `${file} is built for NODE_MODULE_VERSION ${info.moduleVersion}; the target loads ${target.moduleVersion}`,
    };
  }
  return { ok: true, info };
}
