/**
 * Files chosen or dropped in the window, as bytes for the back end.
 * The window only passes them on: it never looks inside.
 */

/** The whole file as bytes (`arrayBuffer()`, or a FileReader where a Blob lacks it). */
export async function readFileBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') return new Uint8Array(await file.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const result = reader.result;
      // An ArrayBuffer, possibly from another realm (jsdom): not tested with instanceof.
      if (result !== null && typeof result !== 'string') {
        resolve(new Uint8Array(result));
      } else {
        reject(new Error('FileReader gave no bytes'));
      }
    };
    reader.onerror = () => {
      reject(reader.error ?? new Error('FileReader failed'));
    };
    reader.readAsArrayBuffer(file);
  });
}

const CHUNK = 0x8000;

/** Standard base64 (with padding) of any number of bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  }
  return btoa(binary);
}
