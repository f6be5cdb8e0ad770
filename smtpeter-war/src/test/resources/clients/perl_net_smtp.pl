# Sends a message file with Perl's Net::SMTP (libnet): SSL => 1 (465) or starttls (587),
# authenticating through Authen::SASL.
# Arguments: host port starttls|smtps PLAIN|LOGIN user password from to message-file
use strict;
use warnings;
use Net::SMTP;
use Authen::SASL;

my ($host, $port, $tls, $mechanism, $user, $password, $from, $to, $path) = @ARGV;
# SSL_verify_mode 0: the test relay's certificate is self-signed; in production leave it out.
my %tls = (SSL_verify_mode => 0);
my $smtp = Net::SMTP->new($host, Port => $port, Hello => 'perl-client.test', Timeout => 30,
    ($tls eq 'smtps' ? (SSL => 1, %tls) : ())) or die "cannot connect: $@\n";
if ($tls ne 'smtps') {
    $smtp->starttls(%tls) or die 'STARTTLS failed: ' . $smtp->message;
}
my $sasl = Authen::SASL->new(mechanism => $mechanism, callback => { user => $user, pass => $password });
$smtp->auth($sasl) or die 'AUTH failed: ' . $smtp->message;
open(my $file, '<:raw', $path) or die "$path: $!\n";
my $message = do { local $/; <$file> };
$smtp->mail($from) or die 'MAIL failed: ' . $smtp->message;
$smtp->to($to) or die 'RCPT failed: ' . $smtp->message;
$smtp->data($message) or die 'DATA failed: ' . $smtp->message;
print $smtp->message;
$smtp->quit;
