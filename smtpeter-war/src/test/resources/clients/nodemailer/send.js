// Sends a message with Nodemailer, composed as Node applications do: HTML with a text
// alternative, a custom header and an attachment. secure: true is implicit TLS (465);
// secure: false with requireTLS is STARTTLS (587).
// Arguments: host port starttls|smtps PLAIN|LOGIN user password from to attachment-file
const nodemailer = require('nodemailer');

const [host, port, tls, mechanism, user, password, from, to, attachment] = process.argv.slice(2);

const transporter = nodemailer.createTransport({
  host,
  port: Number(port),
  secure: tls === 'smtps',
  requireTLS: true,
  auth: { user, pass: password },
  authMethod: mechanism,
  // The test relay's certificate is self-signed; in production leave this out.
  tls: { rejectUnauthorized: false },
});

transporter.sendMail({
  from,
  to,
  subject: 'Client matrix',
  headers: { 'X-SMTPeter-Tags': 'client-matrix' },
  text: 'Hello from the client matrix.',
  html: '<p>Hello from the client matrix.</p><p><a href="https://example.com/welcome">Welcome</a></p>',
  attachments: [{ filename: 'report.bin', path: attachment }],
}).then((info) => console.log(info.response), (error) => {
  console.error(error);
  process.exit(1);
});
