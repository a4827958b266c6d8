// Photos of cases (issue 11): uploaded as raw bytes to POST /api/v1/photos?building=… (JPEG, PNG or
// WebP, at most 5 MB). GET /api/v1/photos/{id} needs the token, so a page fetches the bytes and shows
// them as a data: URL: the hub's Content-Security-Policy allows images from 'self' and data: only
// (a blob: URL would be refused).
import { fetchBlob, upload } from './api';
import { photoUploadPath } from './work';

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
const MAX_SIDE = 2048;

export interface Photo { id: string; url: string }

/** The hub's own photos are fetched with the token; a network's photo elsewhere is only linked. */
export const isHubPhoto = (url: string) => url.startsWith('/api/v1/photos/');

/** Whether the hub would take these bytes as they are. */
export const acceptable = (file: Blob) => PHOTO_TYPES.includes(file.type) && file.size <= PHOTO_MAX_BYTES;

/**
 * A phone's photo made acceptable: sent as it is when it is already a small JPEG, PNG or WebP; otherwise
 * (a 12 MB camera picture, HEIC) drawn again as a JPEG of at most 2048 px a side. When the browser cannot
 * draw it, the file goes as it is and the hub's 413 or 415 says why.
 */
export async function preparePhoto(file: Blob): Promise<Blob> {
  if (acceptable(file) || typeof createImageBitmap !== 'function' || typeof document === 'undefined') return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close?.();
    const jpeg = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return jpeg ?? file;
  } catch {
    return file;
  }
}

/** Uploads one photo for a building; its id goes into the action's photos. */
export async function uploadPhoto(file: Blob, building: string): Promise<Photo> {
  const bytes = await preparePhoto(file);
  return upload<Photo>(photoUploadPath(building), bytes, bytes.type || 'application/octet-stream');
}

/** Bytes as a data: URL an <img> may show under the hub's CSP (local previews too). */
export function toDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** A hub photo, fetched with the token, as a data: URL. */
export const photoSrc = async (url: string) => toDataUrl(await fetchBlob(url));
