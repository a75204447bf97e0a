import { expect } from 'vitest';
import type { api } from './http-client';
import type { Json } from './meta-corpus';

/** Connects a WhatsApp or Instagram channel over HTTP (POST /v1/channels) and returns its id. */
export const channelCreator = (admin: ReturnType<typeof api>) => async (body: Json): Promise<string> => {
  const res = await admin.post('/v1/channels', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
};
