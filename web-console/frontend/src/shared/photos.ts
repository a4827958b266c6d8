// Photos of cases (issue 11): uploaded as raw bytes to POST /api/v1/photos?building=… (JPEG, PNG or
// WebP, at most 5 MB), shown through blob: URLs because GET /api/v1/photos/{id} needs the token.
import { blobUrl, upload } from './api';
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

/** The blob: URL of a hub photo (revoke it with URL.revokeObjectURL when the page no longer shows it). */
export const photoBlobUrl = (url: string) => blobUrl(url);
