'use strict';
// The phone app (seed 001 Fig. 5-6): shows the counter code, receives requests by server-sent events,
// verifies the owner, lets them pick card, method and items, confirms the amount, shows the slip.
const $ = (id) => document.getElementById(id);
const token = localStorage.getItem('kessai.deviceToken');
let current = null;
let quoted = null;
let passkeyCount = 0;

// WebAuthn speaks ArrayBuffers; the center speaks base64url.
const fromB64u = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + token };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error((json.error && json.error.message) || ('HTTP ' + response.status));
    error.code = json.error && json.error.code;
    throw error;
  }
  return json;
}

const show = (id) => $(id).classList.remove('hidden');
const hide = (id) => $(id).classList.add('hidden');
const fail = (e) => { $('error').textContent = e.message; };
const yen = (minor, currency) => (currency === 'JPY' ? '¥' : currency + ' ') + Number(minor).toLocaleString('ja-JP');

async function start() {
  if (!token) { show('no-wallet'); return; }
  const wallet = await api('GET', '/v1/wallet');
  $('owner').textContent = wallet.name + ' (' + wallet.phone + ')';
  passkeyCount = wallet.passkeys;
  $('passkey-status').textContent = passkeyCount > 0 ? 'パスキー登録済み / passkeys: ' + passkeyCount : '';
  show('home');
  const events = new EventSource('/v1/wallet/events?access_token=' + encodeURIComponent(token));
  events.addEventListener('payment_request', (e) => load(JSON.parse(e.data).requestId));
  events.addEventListener('state', (e) => { const s = JSON.parse(e.data); if (current && s.requestId === current.id) refresh(); });
  setInterval(poll, 3000);
  poll();
}

async function poll() {
  if (current) return;
  try {
    const pending = await api('GET', '/v1/wallet/requests');
    if (pending.data.length > 0) render(pending.data[0]);
  } catch (e) { fail(e); }
}

$('show-code').addEventListener('click', async () => {
  try {
    const code = await api('POST', '/v1/wallet/codes?qr=svg');
    $('qr').innerHTML = code.qrSvg;
    $('code-digits').textContent = code.code.replace(/(\d{4})(?=\d)/g, '$1 ');
    $('code-expiry').textContent = '有効期限 / valid until ' + new Date(code.expiresAt).toLocaleTimeString();
    show('code-panel');
  } catch (e) { fail(e); }
});

async function load(id) { try { render(await api('GET', '/v1/wallet/requests/' + id)); } catch (e) { fail(e); } }
async function refresh() { if (current) await load(current.id); }

function render(request) {
  const fresh = !current || current.id !== request.id;
  current = request;
  hide('code-panel');
  show('request');
  $('request-merchant').textContent = request.merchantName;
  $('request-state').textContent = stateText(request);
  const verified = request.state === 'verified' || request.state === 'declined';
  $('verify-step').classList.toggle('hidden', request.state !== 'waiting_for_owner');
  $('verify-passkey').classList.toggle('hidden', passkeyCount === 0);
  $('choose-step').classList.toggle('hidden', !verified);
  if (verified && fresh) fillChoices(request);
  if (verified && !fresh && $('cards').children.length === 0) fillChoices(request);
  if (request.state === 'completed') {
    hide('cancel');
    show('result');
    $('result-text').textContent = 'お支払いが完了しました / Paid ' + yen(request.amountMinor, request.currency)
      + ' — ' + request.card + ' (承認番号 ' + request.approvalCode + ')';
    show('slip');
  }
}

function stateText(r) {
  const amount = r.amountMinor ? yen(r.amountMinor, r.currency) : '';
  return {
    waiting_for_owner: 'お支払いの依頼 / Payment request ' + amount,
    verified: '確認済み / Verified ' + amount,
    declined: 'カード会社に断られました。他のカードを選んでください / Declined (' + (r.declineReason || '') + '): choose another card',
    authorizing: '照会中… / Asking the card company…',
    completed: '完了 / Completed',
    cancelled: '取消 / Cancelled',
    expired: '期限切れ / Expired',
  }[r.state] || r.state;
}

function fillChoices(r) {
  $('cards').innerHTML = '';
  r.cards.forEach((card, i) => {
    const row = document.createElement('label');
    row.className = 'choice';
    const input = document.createElement('input');
    input.type = 'radio'; input.name = 'card'; input.value = card.id; input.id = 'card-' + card.id;
    input.checked = i === 0;
    row.appendChild(input);
    row.appendChild(document.createTextNode(card.issuerName + ' ' + card.number));
    $('cards').appendChild(row);
  });
  $('method').innerHTML = '';
  r.paymentMethods.forEach((m) => {
    const option = document.createElement('option');
    option.value = m.code; option.textContent = m.code + ' ' + m.ja + ' / ' + m.en; option.dataset.installments = m.needsInstallments;
    $('method').appendChild(option);
  });
  $('installments').innerHTML = '';
  r.installmentCounts.forEach((n) => {
    const option = document.createElement('option');
    option.value = n; option.textContent = n + ' 回';
    $('installments').appendChild(option);
  });
  methodChanged();
  const catalogue = r.catalogue || [];
  $('catalogue-step').classList.toggle('hidden', catalogue.length === 0 || r.items.length > 0);
  $('catalogue').innerHTML = '';
  catalogue.forEach((item) => {
    const box = document.createElement('div');
    box.className = 'panel';
    box.dataset.sku = item.sku;
    const title = document.createElement('p');
    title.textContent = item.name + ' ' + yen(item.priceMinor, item.currency) + ' (残 ' + item.stock + ')';
    box.appendChild(title);
    if (item.kind === 'TICKET' && item.freeSeats.length > 0) {
      item.freeSeats.forEach((seat) => {
        const row = document.createElement('label');
        row.className = 'choice';
        const input = document.createElement('input');
        input.type = 'checkbox'; input.className = 'seat'; input.value = seat; input.id = 'seat-' + item.sku + '-' + seat;
        row.appendChild(input);
        row.appendChild(document.createTextNode('座席 / seat ' + seat));
        box.appendChild(row);
      });
    } else {
      const input = document.createElement('input');
      input.type = 'number'; input.min = '0'; input.value = '0'; input.className = 'quantity'; input.id = 'quantity-' + item.sku;
      box.appendChild(input);
    }
    $('catalogue').appendChild(box);
  });
  hide('confirm-step');
}

function methodChanged() {
  const selected = $('method').selectedOptions[0];
  $('installments-row').classList.toggle('hidden', !(selected && selected.dataset.installments === 'true'));
  hide('confirm-step');
}
$('method').addEventListener('change', methodChanged);

function chosenItems() {
  return [...document.querySelectorAll('#catalogue .panel')].map((box) => {
    const seats = [...box.querySelectorAll('.seat:checked')].map((s) => s.value);
    const quantity = box.querySelector('.quantity');
    if (seats.length > 0) return { sku: box.dataset.sku, quantity: seats.length, seats };
    if (quantity && Number(quantity.value) > 0) return { sku: box.dataset.sku, quantity: Number(quantity.value) };
    return null;
  }).filter((x) => x !== null);
}

$('verify').addEventListener('click', async () => {
  $('error').textContent = '';
  try {
    const verified = await api('POST', '/v1/wallet/requests/' + current.id + '/verify', { pin: $('pin').value });
    $('pin').value = '';
    current = null;
    render(verified);
  } catch (e) { $('pin').value = ''; fail(e); }
});

// An online shop's checkout QR: read by the camera where the browser can (BarcodeDetector), else typed.
async function claimCheckout(code) {
  $('error').textContent = '';
  try {
    const request = await api('POST', '/v1/wallet/checkouts', { code });
    $('checkout-code').value = '';
    current = null;
    render(request);
  } catch (e) { fail(e); }
}
$('claim-checkout').addEventListener('click', () => claimCheckout($('checkout-code').value));
$('scan-checkout').addEventListener('click', async () => {
  if (!('BarcodeDetector' in window) || !navigator.mediaDevices) { fail(new Error('この端末では読み取れません / no camera scanner here: type the code')); return; }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    const video = $('camera');
    video.srcObject = stream; video.classList.remove('hidden'); await video.play();
    const detector = new BarcodeDetector({ formats: ['qr_code'] });
    const timer = setInterval(async () => {
      const codes = await detector.detect(video).catch(() => []);
      if (codes.length > 0) {
        clearInterval(timer); stream.getTracks().forEach((t) => t.stop()); video.classList.add('hidden');
        claimCheckout(codes[0].rawValue);
      }
    }, 300);
  } catch (e) { fail(e); }
});

$('register-passkey').addEventListener('click', async () => {
  $('error').textContent = '';
  try {
    const o = await api('POST', '/v1/wallet/passkeys/options', { pin: $('passkey-pin').value });
    $('passkey-pin').value = '';
    const credential = await navigator.credentials.create({ publicKey: {
      challenge: fromB64u(o.challenge), rp: o.rp,
      user: { id: fromB64u(o.user.id), name: o.user.name, displayName: o.user.displayName },
      pubKeyCredParams: o.pubKeyCredParams, authenticatorSelection: o.authenticatorSelection, attestation: o.attestation,
      timeout: o.timeout, excludeCredentials: o.excludeCredentials.map((c) => ({ type: c.type, id: fromB64u(c.id) })),
    } });
    const result = await api('POST', '/v1/wallet/passkeys', { challengeId: o.challengeId, response: credential.toJSON() });
    passkeyCount = result.passkeys;
    $('passkey-status').textContent = 'パスキー登録済み / passkeys: ' + passkeyCount;
  } catch (e) { $('passkey-pin').value = ''; fail(e); }
});

$('verify-passkey').addEventListener('click', async () => {
  $('error').textContent = '';
  try {
    const o = await api('POST', '/v1/wallet/requests/' + current.id + '/passkey-options');
    const assertion = await navigator.credentials.get({ publicKey: {
      challenge: fromB64u(o.challenge), rpId: o.rpId, userVerification: o.userVerification, timeout: o.timeout,
      allowCredentials: o.allowCredentials.map((c) => ({ type: c.type, id: fromB64u(c.id) })),
    } });
    const verified = await api('POST', '/v1/wallet/requests/' + current.id + '/verify-passkey',
      { challengeId: o.challengeId, response: assertion.toJSON() });
    current = null;
    render(verified);
  } catch (e) { fail(e); }
});

$('quote').addEventListener('click', async () => {
  $('error').textContent = '';
  try {
    const needsItems = !current.amountMinor;
    quoted = await api('POST', '/v1/wallet/requests/' + current.id + '/quote', { items: needsItems ? chosenItems() : [] });
    $('amount').textContent = yen(quoted.amountMinor, quoted.currency);
    show('confirm-step');
  } catch (e) { fail(e); }
});

$('pay').addEventListener('click', async () => {
  $('error').textContent = '';
  const card = document.querySelector('input[name=card]:checked');
  const method = $('method').value;
  const body = { cardId: card && card.value, paymentMethod: method, confirmedAmountMinor: quoted.amountMinor };
  if (!$('installments-row').classList.contains('hidden')) body.installments = Number($('installments').value);
  if (!current.amountMinor) body.items = chosenItems();
  try {
    const result = await api('POST', '/v1/wallet/requests/' + current.id + '/pay', body);
    if (result.state === 'declined') {
      current = result;
      $('request-state').textContent = stateText(result);
      const other = result.otherCards || [];
      document.querySelectorAll('input[name=card]').forEach((input) => {
        input.disabled = !other.some((c) => c.id === input.value);
        input.checked = other.length > 0 && input.value === other[0].id;
      });
      hide('confirm-step');
      show('result');
      $('result-text').textContent = result.message.ja + ' / ' + result.message.en;
    } else {
      render(result);
    }
  } catch (e) { fail(e); }
});

$('slip').addEventListener('click', async (event) => {
  event.preventDefault();
  const response = await fetch('/v1/wallet/requests/' + current.id + '/slip.pdf', { headers: { Authorization: 'Bearer ' + token } });
  window.open(URL.createObjectURL(await response.blob()));
});

$('cancel').addEventListener('click', async () => {
  try { render(await api('POST', '/v1/wallet/requests/' + current.id + '/cancel')); } catch (e) { fail(e); }
});

start().catch(fail);
