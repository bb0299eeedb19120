// A document the server sends only with an Authorization header (a committee phone's seat), saved
// as the file the server names: fetched, then handed to the browser as a blob link to download.
// Works over plain http: nothing here needs a secure context.

/** Fetch `url` with `authorization` and save it under the name its Content-Disposition gives. */
export async function saveDocument(url, authorization) {
  const response = await fetch(url, { headers: { Authorization: authorization }, cache: 'no-store', credentials: 'omit' });
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  const disposition = response.headers.get('Content-Disposition') || '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] || url.split('/').pop();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
}
