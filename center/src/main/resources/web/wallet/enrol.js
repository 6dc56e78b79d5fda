'use strict';
// Enrolment (seed 001 Fig. 4): phone proved by a one-time code, then name, address, cards and PIN.
const $ = (id) => document.getElementById(id);
let verificationId = null;

async function api(method, path, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error((json.error && json.error.message) || ('HTTP ' + response.status));
  return json;
}

function show(id) { $(id).classList.remove('hidden'); }
function hide(id) { $(id).classList.add('hidden'); }
function fail(e) { $('error').textContent = e.message; }

function addCard() {
  const index = $('cards').children.length;
  const row = document.createElement('div');
  row.className = 'panel';
  row.innerHTML = '<label>カード番号 / Card number</label><input class="card-number" inputmode="numeric" autocomplete="cc-number">'
    + '<label>有効期限 / Expiry (MM/YY)</label><input class="card-expiry" placeholder="12/30" autocomplete="cc-exp">';
  row.querySelector('.card-number').id = 'card-number-' + index;
  row.querySelector('.card-expiry').id = 'card-expiry-' + index;
  $('cards').appendChild(row);
}

$('send-code').addEventListener('click', async () => {
  $('error').textContent = '';
  try {
    const started = await api('POST', '/v1/wallet/phone-verifications', { phone: $('phone').value, email: $('email').value });
    verificationId = started.verificationId;
    hide('step-phone'); show('step-code');
  } catch (e) { fail(e); }
});

$('confirm-code').addEventListener('click', async () => {
  $('error').textContent = '';
  try {
    await api('POST', '/v1/wallet/phone-verifications/' + verificationId + '/confirm', { code: $('code').value });
    hide('step-code'); show('step-details');
    if ($('cards').children.length === 0) addCard();
  } catch (e) { fail(e); }
});

$('add-card').addEventListener('click', addCard);

$('enrol').addEventListener('click', async () => {
  $('error').textContent = '';
  const cards = [...document.querySelectorAll('#cards .panel')]
    .map((row) => ({ number: row.querySelector('.card-number').value, expiry: row.querySelector('.card-expiry').value }))
    .filter((card) => card.number !== '');
  const deliveryAddresses = $('delivery').value ? [{ label: 'home', address: $('delivery').value }] : [];
  try {
    const wallet = await api('POST', '/v1/wallets', { verificationId, name: $('name').value, address: $('address').value,
      pin: $('pin').value, cards, deliveryAddresses });
    localStorage.setItem('kessai.deviceToken', wallet.deviceToken);
    // The card numbers leave the page: only the masked forms stay.
    document.querySelectorAll('#cards input').forEach((input) => { input.value = ''; });
    $('pin').value = '';
    hide('step-details'); show('done');
    $('done-text').textContent = '登録しました / Enrolled: ' + wallet.cards.map((c) => c.issuerName + ' ' + c.number).join(', ');
  } catch (e) { fail(e); }
});
