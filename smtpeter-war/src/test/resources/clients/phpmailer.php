<?php
// Sends a message with PHPMailer (Debian: php-cli and libphp-phpmailer), composed as PHP
// applications do: HTML with a text alternative, a custom header and an attachment.
// Arguments: host port starttls|smtps PLAIN|LOGIN user password from to attachment-file
require '/usr/share/php/libphp-phpmailer/autoload.php';

use PHPMailer\PHPMailer\PHPMailer;

[, $host, $port, $tls, $mechanism, $user, $password, $from, $to, $attachment] = $argv;

$mail = new PHPMailer(true); // throws on failure
$mail->isSMTP();
$mail->Host = $host;
$mail->Port = (int) $port;
$mail->SMTPSecure = $tls === 'smtps' ? PHPMailer::ENCRYPTION_SMTPS : PHPMailer::ENCRYPTION_STARTTLS;
$mail->SMTPAuth = true;
$mail->AuthType = $mechanism;
$mail->Username = $user;
$mail->Password = $password;
// The test relay's certificate is self-signed; in production leave SMTPOptions out.
$mail->SMTPOptions = ['ssl' => ['verify_peer' => false, 'verify_peer_name' => false]];

$mail->setFrom($from);
$mail->addAddress($to);
$mail->addCustomHeader('X-SMTPeter-Tags', 'client-matrix');
$mail->Subject = 'Client matrix';
$mail->isHTML(true);
$mail->Body = '<p>Hello from the client matrix.</p><p><a href="https://example.com/welcome">Welcome</a></p>';
$mail->AltBody = 'Hello from the client matrix.';
$mail->addAttachment($attachment, 'report.bin');
$mail->send();
