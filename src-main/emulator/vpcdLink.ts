import net from 'node:net';

/** pcscd's vpcd driver listens here and waits for a card to connect. */
export const VPCD_DEFAULT_HOST = '127.0.0.1';
export const VPCD_DEFAULT_PORT = 35963;

export type VpcdControl = 'power-off' | 'power-on' | 'reset' | 'get-atr';

export interface VpcdHandlers {
  /** Control messages; return bytes to answer (only get-atr expects an answer). */
  onControl(control: VpcdControl): Uint8Array | null;
  /** A command APDU; return the response, or null to stay silent. */
  onApdu(apdu: Uint8Array): Uint8Array | null | 'hang-up';
  onClose?(): void;
}

const CONTROLS: Record<number, VpcdControl> = { 0: 'power-off', 1: 'power-on', 2: 'reset', 4: 'get-atr' };

/**
 * One vpcd connection = one inserted card. Frames are a 2-byte big-endian length
 * and a body; 1-byte bodies are control codes, longer ones are APDUs.
 */
export class VpcdLink {
  private socket?: net.Socket;
  private pending = Buffer.alloc(0);
  private atrWaiter?: () => void;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly handlers: VpcdHandlers,
  ) {}

  get connected(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  /**
   * Inserts the card and resolves once pcscd has powered it and asked for the ATR:
   * a TCP connect alone is not enough, since vpcd serves one card at a time and a
   * second client sits unserved in the listen backlog.
   */
  connect(timeoutMs = 5000): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port });
      socket.setNoDelay(true);
      let settled = false;
      const fail = (message: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.atrWaiter = undefined;
        if (this.socket === socket) this.socket = undefined;
        socket.destroy();
        reject(new Error(message));
      };
      const timer = setTimeout(
        () =>
          fail(
            `vpcd at ${this.host}:${this.port} did not take the card within ${timeoutMs} ms: another virtual card may already be inserted, or pcscd is not polling the vpcd reader`,
          ),
        timeoutMs,
      );
      this.atrWaiter = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.atrWaiter = undefined;
        resolve();
      };
      socket.once('connect', () => {
        this.socket = socket;
        this.pending = Buffer.alloc(0);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        fail(
          `cannot reach vpcd at ${this.host}:${this.port} (${error.code ?? error.message}): is pcscd running with the vsmartcard-vpcd driver? Start it with: pcscd`,
        );
      });
      socket.on('data', (chunk) => this.onData(socket, chunk));
      socket.on('close', () => {
        if (this.socket === socket) {
          this.socket = undefined;
          this.handlers.onClose?.();
        }
        fail(`vpcd at ${this.host}:${this.port} closed the connection before the card was powered`);
      });
    });
  }

  /** Card removed: closing the socket is what vpcd sees as removal. */
  disconnect(): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.resolve();
    this.socket = undefined;
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  private onData(socket: net.Socket, chunk: Buffer): void {
    if (this.socket !== socket) return;
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 2) {
      const length = this.pending.readUInt16BE(0);
      if (this.pending.length < 2 + length) break;
      const body = new Uint8Array(this.pending.subarray(2, 2 + length));
      this.pending = this.pending.subarray(2 + length);
      let answer: Uint8Array | null | 'hang-up';
      if (length === 1) {
        const control = CONTROLS[body[0]];
        answer = control ? this.handlers.onControl(control) : null;
        if (control === 'get-atr' && answer) {
          this.send(socket, answer);
          this.atrWaiter?.();
          continue;
        }
      } else {
        answer = this.handlers.onApdu(body);
      }
      if (answer === 'hang-up') {
        void this.disconnect();
        return;
      }
      if (answer) this.send(socket, answer);
    }
  }

  private send(socket: net.Socket, body: Uint8Array): void {
    const frame = Buffer.alloc(2 + body.length);
    frame.writeUInt16BE(body.length, 0);
    frame.set(body, 2);
    socket.write(frame);
  }
}
