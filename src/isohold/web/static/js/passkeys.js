// Passkeys (WebAuthn): add one on the account page, sign in with one on the sign-in page.
// The server's options and the browser's answers travel as JSON with base64url for bytes.

const decode = (text) => {
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)).buffer;
};
const encode = (buffer) =>
  btoa(String.fromCharCode(...new Uint8Array(buffer)))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.detail || `the server answered ${response.status}`);
  return data;
}

function answer(credential) {
  const r = credential.response;
  const response = { clientDataJSON: encode(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = encode(r.attestationObject);
    response.transports = r.getTransports ? r.getTransports() : [];
  } else {
    response.authenticatorData = encode(r.authenticatorData);
    response.signature = encode(r.signature);
    response.userHandle = r.userHandle ? encode(r.userHandle) : null;
  }
  return {
    id: credential.id, rawId: encode(credential.rawId), type: credential.type, response,
    clientExtensionResults: credential.getClientExtensionResults(),
  };
}

function say(status, text) {
  if (status) status.textContent = text;
}

async function add(button, status) {
  const options = await post("/api/v1/auth/passkeys/options");
  options.challenge = decode(options.challenge);
  options.user.id = decode(options.user.id);
  for (const c of options.excludeCredentials || []) c.id = decode(c.id);
  const credential = await navigator.credentials.create({ publicKey: options });
  const name = document.getElementById("passkey-name")?.value || "Passkey";
  await post("/api/v1/auth/passkeys", { credential: answer(credential), name });
  say(status, "Passkey added.");
  window.location.reload();
}

async function signIn(button, status) {
  const options = await post("/api/v1/auth/passkey-login/options");
  options.challenge = decode(options.challenge);
  for (const c of options.allowCredentials || []) c.id = decode(c.id);
  const credential = await navigator.credentials.get({ publicKey: options });
  const done = await post("/api/v1/auth/passkey-login", { credential: answer(credential) });
  window.location.assign(done.next || "/");
}

for (const [selector, action] of [["[data-passkey-add]", add], ["[data-passkey-signin]", signIn]]) {
  const button = document.querySelector(selector);
  if (!button) continue;
  const status = document.querySelector("[data-passkey-status]");
  if (!window.PublicKeyCredential) {
    button.hidden = true;
    say(status, "This browser cannot use passkeys.");
    continue;
  }
  button.addEventListener("click", async () => {
    button.disabled = true;
    say(status, "Follow your device's prompt…");
    try {
      await action(button, status);
    } catch (error) {
      say(status, `That did not work: ${error.message}`);
    } finally {
      button.disabled = false;
    }
  });
}
