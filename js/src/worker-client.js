// The page's side of the Web Worker: one request at a time per id, answered by a promise.
export class WorkerClient {
  #worker;
  #pending = new Map();
  #next = 1;

  /** `url`: the worker bundle (static/dist/worker.js), a classic script. */
  constructor(url) {
    this.#worker = new Worker(url);
    this.#worker.onmessage = (event) => {
      const answer = event.data;
      const pending = this.#pending.get(answer.id);
      if (!pending) return;
      this.#pending.delete(answer.id);
      if (answer.type === 'error') pending.reject(new Error(answer.message));
      else pending.resolve(answer);
    };
  }

  /** Send one request (see worker-protocol.js); resolves with the answer, rejects on error. */
  request(message) {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...message, id });
    });
  }

  terminate() {
    this.#worker.terminate();
  }
}
