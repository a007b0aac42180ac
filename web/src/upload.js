// upload.js: shows the progress of a CSV upload, then the server's answer
// (the summary, or every problem with its line). Without JavaScript the form
// posts as usual.
const form = document.getElementById("import");
const bar = document.getElementById("import-progress");
if (form && bar && window.XMLHttpRequest) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    bar.hidden = false;
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) bar.value = Math.round((100 * e.loaded) / e.total);
    });
    xhr.addEventListener("load", () => {
      // the answer is one of eala's own pages: show it
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.send(new FormData(form));
  });
}
