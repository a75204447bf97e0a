/**
 * The embeddable form, served as is at /embed/tickets.js: no dependencies, no build step, and
 * everything inside an open shadow root so the host page's CSS neither breaks it nor is broken
 * by it. `data-org="<slug>"` renders the ticket form; `data-track="<token>"` renders a tracking
 * page (status, public messages, reply, rating). The API is the script's own origin. Files
 * chosen in the form go to the form's own upload slots first and are named in the submission.
 * Kept as text (no backticks or template placeholders inside) so that no bundler rewrites it.
 */
export const EMBED_SCRIPT = String.raw`(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var api = new URL(script.src, location.href).origin;
  var org = script.getAttribute('data-org');
  var track = script.getAttribute('data-track');
  var host = document.createElement('div');
  host.className = 'helpdesk-tickets';
  var target = script.getAttribute('data-target') && document.querySelector(script.getAttribute('data-target'));
  if (target) target.appendChild(host); else script.parentNode.insertBefore(host, script.nextSibling);
  var root = host.attachShadow({ mode: 'open' });
  var seq = 0;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') node.textContent = attrs[key];
      else if (attrs[key] !== undefined && attrs[key] !== null && attrs[key] !== false) node.setAttribute(key, attrs[key] === true ? '' : attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function style(colour) {
    return el('style', { text: ':host{all:initial;display:block;font:15px/1.45 system-ui,sans-serif;color:#1d1d1f}'
      + '.hd{max-width:34rem;padding:1rem 1.25rem;border:1px solid #d0d4dc;border-radius:.5rem;background:#fff}'
      + 'h2{font-size:1.15rem;margin:0 0 .75rem}label{display:block;font-weight:600;margin:.6rem 0 .2rem}'
      + 'input,textarea,select{box-sizing:border-box;width:100%;font:inherit;padding:.45rem .5rem;border:1px solid #8a8f98;border-radius:.3rem}'
      + 'input[type=checkbox]{width:auto}textarea{min-height:7rem}'
      + '[aria-invalid=true]{border-color:#b00020}.err{color:#b00020;font-size:.9rem;margin:.15rem 0 0}'
      + 'button{margin-top:.9rem;font:inherit;font-weight:600;padding:.5rem 1.1rem;border:0;border-radius:.3rem;color:#fff;background:' + colour + ';cursor:pointer}'
      + 'button[disabled]{opacity:.6;cursor:progress}:focus-visible{outline:3px solid #ffbf47;outline-offset:1px}'
      + '.msg{border-left:3px solid #d0d4dc;padding:.25rem .6rem;margin:.5rem 0}.msg.support{border-color:' + colour + '}'
      + '.meta{color:#555;font-size:.85rem}.status{font-weight:600}' });
  }
  function field(spec) {
    var id = 'hd-' + (++seq);
    var errId = id + '-err';
    var control;
    if (spec.type === 'textarea') control = el('textarea', { id: id, name: spec.name, required: spec.required, maxlength: spec.max });
    else if (spec.type === 'select') {
      control = el('select', { id: id, name: spec.name, required: spec.required }, [el('option', { value: '', text: spec.required ? 'Choose…' : '(none)' })]
        .concat((spec.options || []).map(function (o) { return el('option', { value: o.value, text: o.label }); })));
    } else control = el('input', { id: id, name: spec.name, type: spec.type || 'text', required: spec.required, maxlength: spec.max, autocomplete: spec.autocomplete });
    control.setAttribute('aria-describedby', errId);
    var err = el('p', { id: errId, class: 'err' });
    var wrap = spec.type === 'checkbox'
      ? el('div', {}, [control, el('label', { for: id, text: spec.label, style: 'display:inline;margin-left:.4rem' }), err])
      : el('div', {}, [el('label', { for: id, text: spec.label + (spec.required ? '' : ' (optional)') }), control, err]);
    return { wrap: wrap, control: control, err: err, spec: spec };
  }
  function request(method, path, body) {
    return fetch(api + path, {
      method: method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      credentials: 'omit',
      referrerPolicy: 'no-referrer'
    }).then(function (res) {
      return res.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { status: res.status, body: json, retryAfter: res.headers.get('retry-after') };
      });
    });
  }
  function problemText(res) {
    if (res.status === 429) return 'Too many requests. Please try again in ' + Math.ceil(Number(res.retryAfter || 60) / 60) + ' minute(s).';
    return (res.body && (res.body.detail || res.body.title)) || 'Something went wrong (' + res.status + '). Please try again.';
  }
  function showErrors(fields, res) {
    var errors = (res.body && res.body.errors) || [];
    var first = null;
    fields.forEach(function (f) { f.control.removeAttribute('aria-invalid'); f.err.textContent = ''; });
    errors.forEach(function (e) {
      var name = String(e.pointer || '').replace(/^#\//, '').split('/');
      var f = fields.filter(function (x) { return x.spec.name === name[0] || (name[0] === 'customFields' && x.spec.name === name[1]); })[0];
      if (f) { f.control.setAttribute('aria-invalid', 'true'); f.err.textContent = e.detail; first = first || f.control; }
    });
    if (first) first.focus();
    return errors.length > 0 && first !== null;
  }

  function renderForm(config) {
    var colour = (config.branding && config.branding.colour) || '#2456d6';
    var status = el('p', { role: 'status', 'aria-live': 'polite' });
    var fields = [
      field({ name: 'name', label: 'Name', required: true, max: 200, autocomplete: 'name' }),
      field({ name: 'email', label: 'Email', type: 'email', required: true, max: 254, autocomplete: 'email' }),
      field({ name: 'subject', label: 'Subject', required: true, max: config.limits.subjectMaxLength }),
      field({ name: 'description', label: 'Description', type: 'textarea', required: true, max: config.limits.descriptionMaxLength })
    ];
    if (config.categories.length) {
      fields.push(field({ name: 'category', label: 'Category', type: 'select', required: false,
        options: config.categories.map(function (c) { return { value: c.id, label: c.name }; }) }));
    }
    config.customFields.forEach(function (f) {
      fields.push(field({ name: f.name, label: f.label, type: f.type, required: f.required, options: f.options, custom: true }));
    });
    var files = null;
    if (config.limits.maxAttachments > 0) {
      files = field({ name: 'attachmentIds', label: 'Attachments (up to ' + config.limits.maxAttachments + ' files)', type: 'file', required: false });
      files.control.multiple = true;
      files.wrap.querySelector('label').textContent = files.spec.label;
      fields.push(files);
    }
    var captchaToken = null;
    var captchaBox = null;
    if (config.captcha) {
      captchaBox = document.createElement('div');
      host.parentNode.insertBefore(captchaBox, host.nextSibling);
      var src = config.captcha.provider === 'turnstile' ? 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit' : 'https://js.hcaptcha.com/1/api.js?render=explicit';
      var loader = document.createElement('script');
      loader.src = src; loader.async = true;
      loader.onload = function () {
        var widget = config.captcha.provider === 'turnstile' ? window.turnstile : window.hcaptcha;
        widget.render(captchaBox, { sitekey: config.captcha.siteKey, callback: function (t) { captchaToken = t; } });
      };
      document.head.appendChild(loader);
    }
    var button = el('button', { type: 'submit', text: 'Submit' });
    var form = el('form', { novalidate: true, 'aria-labelledby': 'hd-title' }, [el('h2', { id: 'hd-title', text: 'Contact ' + config.branding.name })]
      .concat(fields.map(function (f) { return f.wrap; })).concat([button, status]));
    var panel = el('div', { class: 'hd' }, [form]);
    root.replaceChildren(style(colour), panel);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var body = { customFields: {} };
      fields.forEach(function (f) {
        if (f.spec.type === 'file') return;
        var value = f.spec.type === 'checkbox' ? f.control.checked : f.control.value.trim();
        if (f.spec.type === 'number' && value !== '') value = Number(value);
        if (value === '' && !f.spec.required) return;
        if (f.spec.custom) body.customFields[f.spec.name] = value; else body[f.spec.name] = value;
      });
      if (captchaToken) body.captchaToken = captchaToken;
      var missing = fields.filter(function (f) { return f.spec.required && f.spec.type !== 'checkbox' && !f.control.value.trim(); });
      if (missing.length) {
        showErrors(fields, { body: { errors: missing.map(function (f) { return { pointer: '#/' + (f.spec.custom ? 'customFields/' : '') + f.spec.name, detail: f.spec.label + ' is required' }; }) } });
        status.textContent = 'Please fill in the required fields.';
        return;
      }
      var chosen = files ? Array.prototype.slice.call(files.control.files || []) : [];
      if (chosen.length > config.limits.maxAttachments) {
        showErrors(fields, { body: { errors: [{ pointer: '#/attachmentIds', detail: 'Choose at most ' + config.limits.maxAttachments + ' files' }] } });
        status.textContent = 'Too many files.';
        return;
      }
      button.disabled = true;
      status.textContent = chosen.length ? 'Uploading files…' : 'Sending…';
      uploadAll(chosen).then(function (ids) {
        if (ids.length) body.attachmentIds = ids;
        status.textContent = 'Sending…';
        return request('POST', '/v1/public/orgs/' + encodeURIComponent(org) + '/tickets', body);
      }).then(function (res) {
        button.disabled = false;
        if (res.status === 201) return renderConfirmation(res.body, colour);
        showErrors(fields, res);
        status.textContent = problemText(res);
      }, function (refused) {
        button.disabled = false;
        if (refused && refused.status) { showErrors(fields, refused); status.textContent = problemText(refused); return; }
        status.textContent = 'The support service cannot be reached. Please try again.';
      });
    });
  }

  // Each file: a slot from the API, then the file posted with the slot's signed form. A refusal
  // comes back as a problem naming the file, shown on the attachments field.
  function uploadAll(chosen) {
    return Promise.all(chosen.map(function (file) {
      var slot = { filename: file.name, contentType: file.type || 'application/octet-stream', size: file.size };
      return request('POST', '/v1/public/orgs/' + encodeURIComponent(org) + '/attachments', slot).then(function (res) {
        if (res.status !== 201) {
          var detail = (res.body && (res.body.errors && res.body.errors[0] ? res.body.errors[0].detail : res.body.detail)) || 'refused';
          return Promise.reject({ status: res.status, retryAfter: res.retryAfter, body: { detail: file.name + ': ' + detail, errors: [{ pointer: '#/attachmentIds', detail: file.name + ': ' + detail }] } });
        }
        var data = new FormData();
        Object.keys(res.body.upload.fields).forEach(function (key) { data.append(key, res.body.upload.fields[key]); });
        data.append('file', file, file.name);
        return fetch(res.body.upload.url, { method: res.body.upload.method, body: data, credentials: 'omit' }).then(function (posted) {
          if (!posted.ok) return Promise.reject({ status: posted.status, body: { detail: file.name + ' could not be uploaded', errors: [{ pointer: '#/attachmentIds', detail: file.name + ' could not be uploaded' }] } });
          return res.body.attachmentId;
        });
      });
    }));
  }

  function renderConfirmation(created, colour) {
    var heading = el('h2', { tabindex: '-1', text: 'Thank you! Your request ' + created.number + ' was received.' });
    var panel = el('div', { class: 'hd', role: 'status' }, [
      heading,
      el('p', { text: 'We have sent a confirmation by email. You can follow your request and reply here:' }),
      el('p', {}, [el('a', { href: created.trackingUrl, text: 'Track request ' + created.number })])
    ]);
    root.replaceChildren(style(colour), panel);
    heading.focus();
  }

  function renderTracking(ticket) {
    var colour = '#2456d6';
    var items = [
      el('h2', { text: ticket.number + ': ' + ticket.subject }),
      el('p', {}, [el('span', { text: 'Status: ' }), el('span', { class: 'status', text: ticket.status.replace(/_/g, ' ') })]),
      el('div', { class: 'msg' }, [el('p', { class: 'meta', text: 'Your request, ' + new Date(ticket.createdAt).toLocaleString() }), el('p', { text: ticket.description })])
    ];
    var list = el('section', { 'aria-label': 'Messages' }, ticket.messages.map(function (m) {
      return el('article', { class: 'msg ' + m.from }, [
        el('p', { class: 'meta', text: (m.from === 'support' ? (m.authorName || 'Support') : 'You') + ', ' + new Date(m.createdAt).toLocaleString() }),
        el('p', { text: m.body, style: 'white-space:pre-wrap' })
      ]);
    }));
    items.push(list);
    var status = el('p', { role: 'status', 'aria-live': 'polite' });
    if (ticket.canReply) {
      var reply = field({ name: 'body', label: 'Your reply', type: 'textarea', required: true, max: 20000 });
      var send = el('button', { type: 'submit', text: 'Send reply' });
      var replyForm = el('form', { novalidate: true, 'aria-label': 'Reply' }, [reply.wrap, send]);
      replyForm.addEventListener('submit', function (event) {
        event.preventDefault();
        if (!reply.control.value.trim()) { showErrors([reply], { body: { errors: [{ pointer: '#/body', detail: 'Write a reply first' }] } }); return; }
        send.disabled = true;
        request('POST', '/v1/public/track/' + encodeURIComponent(track) + '/messages', { body: reply.control.value.trim() }).then(function (res) {
          send.disabled = false;
          if (res.status === 201) return load().then(function () { statusAfter('Your reply was sent.'); });
          showErrors([reply], res);
          status.textContent = problemText(res);
        });
      });
      items.push(replyForm);
    }
    if (ticket.canRate) {
      var score = field({ name: 'score', label: 'How satisfied are you? (1-5)', type: 'select', required: true,
        options: [5, 4, 3, 2, 1].map(function (n) { return { value: String(n), label: String(n) }; }) });
      var comment = field({ name: 'comment', label: 'Comment', type: 'textarea', required: false, max: 2000 });
      var rate = el('button', { type: 'submit', text: 'Send rating' });
      var rateForm = el('form', { novalidate: true, 'aria-label': 'Rating' }, [score.wrap, comment.wrap, rate]);
      rateForm.addEventListener('submit', function (event) {
        event.preventDefault();
        var body = { score: Number(score.control.value) };
        if (comment.control.value.trim()) body.comment = comment.control.value.trim();
        request('POST', '/v1/public/track/' + encodeURIComponent(track) + '/rating', body).then(function (res) {
          if (res.status === 201) return load().then(function () { statusAfter('Thank you for your rating.'); });
          showErrors([score, comment], res);
          status.textContent = problemText(res);
        });
      });
      items.push(rateForm);
    } else if (ticket.rating) items.push(el('p', { text: 'You rated this request ' + ticket.rating.score + ' of 5.' }));
    items.push(status);
    root.replaceChildren(style(colour), el('div', { class: 'hd' }, items));
  }
  function statusAfter(text) {
    var status = root.querySelector('[role=status]');
    if (status) status.textContent = text;
  }
  function load() {
    return request('GET', '/v1/public/track/' + encodeURIComponent(track)).then(function (res) {
      if (res.status === 200) renderTracking(res.body);
      else root.replaceChildren(style('#2456d6'), el('div', { class: 'hd', role: 'alert' }, [el('p', { text: res.status === 404 ? 'This tracking link is not valid.' : problemText(res) })]));
    });
  }

  if (track) { load(); return; }
  if (!org) { root.replaceChildren(el('p', { role: 'alert', text: 'Helpdesk form: set data-org on the script tag.' })); return; }
  request('GET', '/v1/public/orgs/' + encodeURIComponent(org) + '/form').then(function (res) {
    if (res.status === 200) renderForm(res.body);
    else root.replaceChildren(style('#2456d6'), el('div', { class: 'hd', role: 'alert' }, [el('p', { text: problemText(res) })]));
  }, function () {
    root.replaceChildren(el('p', { role: 'alert', text: 'The support form cannot be loaded right now.' }));
  });
})();
`;
