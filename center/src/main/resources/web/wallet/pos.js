'use strict';
// The merchant's POS page (seed 001 Fig. 5 S1-S5, S17): reads the phone's code, sends it with the
// merchant ID and an amount, and follows the payment until the slip.
const $ = (id) => document.getElementById(id);
let requestId = null;
let stream = null;

$('merchant').value = localStorage.getItem('kessai.pos.merchant') || '';
$('api-key').value = localStorage.getItem('kessai.pos.key') || '';

async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + $('api-key').value };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error((json.error && json.error.message) || ('HTTP ' + response.status));
  return json;
}

const TEXT = {
  waiting_for_owner: 'お客様の確認待ち / Waiting for the customer to approve on the phone',
  verified: 'お客様が選択中 / The customer is choosing',
  authorizing: 'カード会社に照会中 / Asking the card company',
  declined: 'カード会社が拒否 — お客様が他のカードを選べます / Declined — the customer may choose another card',
  completed: '完了 / Completed',
  cancelled: '取消 / Cancelled',
  expired: '期限切れ / Expired',
};

function show(payment) {
  $('status').classList.remove('hidden');
  const amount = payment.amountMinor ? ' ¥' + Number(payment.amountMinor).toLocaleString('ja-JP') : '';
  $('state').textContent = (TEXT[payment.state] || payment.state) + amount + (payment.card ? ' ' + payment.card : '')
    + (payment.approvalCode ? ' 承認番号 ' + payment.approvalCode : '');
  $('state').dataset.state = payment.state;
  $('slip').classList.toggle('hidden', payment.state !== 'completed');
}

async function refresh() {
  if (requestId) show(await api('GET', '/v1/pos/requests/' + requestId));
}

$('send').addEventListener('click', async () => {
  $('error').textContent = '';
  localStorage.setItem('kessai.pos.merchant', $('merchant').value);
  localStorage.setItem('kessai.pos.key', $('api-key').value);
  const body = { merchantId: $('merchant').value, code: $('code').value };
  if ($('amount').value) body.amountMinor = Number($('amount').value);
  try {
    const payment = await api('POST', '/v1/pos/requests', body);
    requestId = payment.id;
    $('code').value = '';
    show(payment);
    if (stream) stream.close();
    stream = new EventSource('/v1/pos/requests/' + requestId + '/events?access_token=' + encodeURIComponent($('api-key').value));
    stream.addEventListener('state', () => refresh().catch(() => {}));
  } catch (e) { $('error').textContent = e.message; }
});

setInterval(() => refresh().catch(() => {}), 3000);

$('slip').addEventListener('click', async (event) => {
  event.preventDefault();
  const response = await fetch('/v1/pos/requests/' + requestId + '/slip.pdf', { headers: { Authorization: 'Bearer ' + $('api-key').value } });
  window.open(URL.createObjectURL(await response.blob()));
});
