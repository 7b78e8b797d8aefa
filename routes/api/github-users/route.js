// The article's "Static Route Handler" example: three GitHub users named "richard". The article
// puts it in app/api/username/route.js, which here already holds its parent-route example, so it
// lives at /api/github-users. Two additions to the article's code: the API's address comes from
// GITHUB_API_URL (default https://api.github.com; tests point it at a local server), and when
// GitHub cannot be reached, or answers with an error or something that is not JSON, the route
// answers 502 `{"error":"upstream unavailable"}` instead of failing with a bare 500, and logs the
// detail (the upstream's address and the socket error are for the operator, not for any client).
import { NextResponse } from 'next/server';

const TIMEOUT_MS = 10_000;

export async function GET() {
  const base = (process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  const url = `${base}/search/users?q=richard&per_page=3`;
  let res;
  try {
    res = await fetch(url, { headers: { accept: 'application/vnd.github+json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const reason = error.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : (error.cause?.message ?? error.message);
    return upstreamError(`Could not reach the GitHub API at ${base}: ${reason}. Check the network or set GITHUB_API_URL.`);
  }
  let data;
  try {
    data = await res.json();
  } catch {
    return upstreamError(`The GitHub API at ${base} answered ${res.status} with a body that is not JSON.`);
  }
  if (!res.ok) {
    return upstreamError(`The GitHub API at ${base} answered ${res.status}: ${data?.message ?? 'no message'}.`);
  }
  return NextResponse.json(data);
}

function upstreamError(detail) {
  console.error(`[api/github-users] ${detail}`);
  return NextResponse.json({ error: 'upstream unavailable' }, { status: 502 });
}
