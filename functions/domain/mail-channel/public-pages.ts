// The pages behind the links in customer mail. Plain HTML with one small script: the page
// records nothing by itself (mail scanners open links), the customer's click does.

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`
  + `<title>${escape(title)}</title><style>body{font-family:sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}`
  + `fieldset{border:0;padding:0}label{display:block;margin:.3rem 0}textarea{width:100%}</style></head><body>${body}</body></html>`;

/** The survey form, with the score from the mail's link chosen. */
export function surveyPage(input: { token: string; score?: number; number: string; subject: string; rated: boolean }): string {
  if (input.rated) return page('Thank you', `<h1>Thank you</h1><p>Ticket ${escape(input.number)} is already rated.</p>`);
  const labels = ['Very unhappy', 'Unhappy', 'Neutral', 'Happy', 'Very happy'];
  const options = [5, 4, 3, 2, 1].map((score) =>
    `<label><input type="radio" name="score" value="${score}"${score === input.score ? ' checked' : ''} required> ${score} - ${labels[score - 1]}</label>`).join('');
  return page('Rate our help', `<h1>How did we do?</h1><p>Ticket ${escape(input.number)}: ${escape(input.subject)}</p>`
    + `<form id="survey"><fieldset><legend>Your rating</legend>${options}</fieldset>`
    + `<label for="comment">Anything to add? (optional)</label><textarea id="comment" name="comment" rows="4" maxlength="2000"></textarea>`
    + `<p><button type="submit">Send rating</button></p></form><p id="result" role="status"></p>`
    + `<script>document.getElementById('survey').addEventListener('submit',async(e)=>{e.preventDefault();`
    + `const f=new FormData(e.target);const r=await fetch(location.pathname,{method:'POST',headers:{'content-type':'application/json'},`
    + `body:JSON.stringify({token:${JSON.stringify(input.token)},score:Number(f.get('score')),comment:f.get('comment')||undefined})});`
    + `document.getElementById('result').textContent=r.ok?'Thank you, your rating is recorded.':(await r.json()).detail;`
    + `if(r.ok)e.target.remove();});</script>`);
}

/** The unsubscribe confirmation; the button posts as RFC 8058 one-click clients do. */
export function unsubscribePage(token: string): string {
  return page('Unsubscribe', `<h1>No more survey mail?</h1>`
    + `<form method="post" action="?token=${escape(encodeURIComponent(token))}"><input type="hidden" name="List-Unsubscribe" value="One-Click">`
    + `<button type="submit">Unsubscribe from surveys</button></form>`);
}

export function unsubscribedPage(email: string): string {
  return page('Unsubscribed', `<h1>Unsubscribed</h1><p>${escape(email)} gets no more survey mail from us.</p>`);
}
