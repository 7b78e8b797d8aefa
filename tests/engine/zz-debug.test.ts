import { test } from '@jest/globals';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../server';
test('dbg', async () => {
  const app = createApp({ routesDir: path.join(__dirname, '../fixtures/app') , logger: { error: (o: any, m: any) => console.log('ERR', m, o.err), warn: () => {}, info: () => {}, debug: () => {} } });
  const res = await request(app).post('/upload').send(Buffer.alloc(1000, 1)).set('content-type','application/octet-stream');
  console.log(res.status, res.text);
  const res2 = await request(app).put('/upload').send(Buffer.alloc(1000, 1)).set('content-type','application/octet-stream');
  console.log(res2.status, res2.text);
});
