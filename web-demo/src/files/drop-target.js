// Makes an element accept dropped files (and only files).

export function hasFiles(event) {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}

/** Highlights `el` while files are dragged over it; onFiles(File[]) on drop. */
export function dropTarget(el, onFiles) {
  for (const type of ['dragenter', 'dragover']) {
    el.addEventListener(type, (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.stopPropagation();
      el.classList.add('is-dragover');
    });
  }
  el.addEventListener('dragleave', (e) => {
    if (!el.contains(e.relatedTarget)) el.classList.remove('is-dragover');
  });
  el.addEventListener('drop', (e) => {
    e.preventDefault();
    e.stopPropagation();
    el.classList.remove('is-dragover');
    onFiles([...(e.dataTransfer?.files ?? [])]);
  });
}
