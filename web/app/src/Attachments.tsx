import type { Attachment, ParleyClient } from '@parley/sdk';
import { useEffect, useState } from 'preact/hooks';
import { fitWithin, formatSize } from './text.ts';

/** A message's attachments: image previews (their thumbnails) and file chips with name and size. */
export function AttachmentList({ client, attachments }: { client: ParleyClient; attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <div class="attachments">
      {attachments.map((attachment) => attachment.thumbnail
        ? <ImagePreview key={attachment.attachmentId} client={client} attachment={attachment} />
        : <FileChip key={attachment.attachmentId} client={client} attachment={attachment} />)}
    </div>
  );
}

/** Downloads need the access token, so files are fetched as blobs and handed to the browser as object URLs. */
async function save(client: ParleyClient, attachment: Attachment, open: boolean): Promise<void> {
  const blob = await client.attachments.download(attachment.attachmentId);
  const url = URL.createObjectURL(blob);
  if (open) {
    window.open(url, '_blank', 'noopener');
  } else {
    const link = document.createElement('a');
    link.href = url;
    link.download = attachment.name;
    link.click();
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function ImagePreview({ client, attachment }: { client: ParleyClient; attachment: Attachment }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let current: string | null = null;
    let live = true;
    client.attachments.thumbnail(attachment.attachmentId).then((blob) => {
      if (!live) return;
      current = URL.createObjectURL(blob);
      setUrl(current);
    }).catch(() => {
      // A preview that cannot load (the message was deleted meanwhile) stays a placeholder.
    });
    return () => {
      live = false;
      if (current != null) URL.revokeObjectURL(current);
    };
  }, [attachment.attachmentId]);
  const [width, height] = fitWithin(attachment.width ?? 320, attachment.height ?? 240, 240);
  return (
    <button type="button" class="image-preview" aria-label={`Open ${attachment.name}`}
            onClick={() => void save(client, attachment, true).catch(() => undefined)}>
      {url != null
        ? <img src={url} alt={attachment.name} width={width} height={height} />
        : <span class="placeholder" style={{ width: `${width}px`, height: `${height}px` }} aria-hidden="true" />}
    </button>
  );
}

function FileChip({ client, attachment }: { client: ParleyClient; attachment: Attachment }) {
  return (
    <button type="button" class="file-chip" aria-label={`Download ${attachment.name}, ${formatSize(attachment.size)}`}
            onClick={() => void save(client, attachment, false).catch(() => undefined)}>
      <span aria-hidden="true">📎</span> <span class="name">{attachment.name}</span>{' '}
      <span class="hint">{formatSize(attachment.size)}</span>
    </button>
  );
}
