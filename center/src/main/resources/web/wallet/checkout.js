'use strict';
// The online checkout (seed 001 Fig. 8, STP1-STP17): the customer gives the phone number, approves on
// the phone, and is sent back to the shop.
const $ = (id) => document.getElementById(id);
const id = location.pathname.split('/').pop();

async function api(method, path, body) {
  const headers = body === undefined ? {} : { 'Content-Type': 'application/json' };
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error((json.error && json.error.message) || ('HTTP ' + response.status));
  return json;
}

function show(payment) {
  $('merchant').textContent = payment.merchantName;
  $('amount').textContent = '¥' + Number(payment.amountMinor).toLocaleString('ja-JP');
  $('description').textContent = payment.description;
  if (payment.state !== 'waiting_for_customer') {
    $('phone-step').classList.add('hidden');
    $('waiting').classList.remove('hidden');
    $('state').textContent = payment.state === 'waiting_for_owner' ? 'スマートフォンで承認してください / Approve on your phone'
      : payment.state === 'declined' ? 'カードが使えませんでした。スマートフォンで他のカードを選べます / Declined: choose another card on the phone'
      : payment.state;
  }
  if (payment.returnUrl) location.href = payment.returnUrl;
}

async function refresh() { show(await api('GET', '/v1/checkout/' + id)); }

$('qr').src = '/v1/checkout/' + id + '/qr.svg';

$('send').addEventListener('click', async () => {
  $('error').textContent = '';
  try { show(await api('POST', '/v1/checkout/' + id + '/phone', { phone: $('phone').value })); } catch (e) { $('error').textContent = e.message; }
});

const stream = new EventSource('/v1/checkout/' + id + '/events');
stream.addEventListener('state', () => refresh().catch(() => {}));
setInterval(() => refresh().catch(() => {}), 2000);
refresh().catch((e) => { $('error').textContent = e.message; });
