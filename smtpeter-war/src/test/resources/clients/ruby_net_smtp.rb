# Sends a message file with Ruby's Net::SMTP: enable_starttls (587) or enable_tls (465).
# Arguments: host port starttls|smtps PLAIN|LOGIN user password from to message-file
require 'net/smtp'
require 'openssl'

host, port, tls, mechanism, user, password, from, to, path = ARGV
context = OpenSSL::SSL::SSLContext.new
# The test relay's certificate is self-signed; in production keep the default checks.
context.verify_mode = OpenSSL::SSL::VERIFY_NONE

smtp = Net::SMTP.new(host, Integer(port))
if tls == 'smtps'
  smtp.enable_tls(context)
else
  smtp.enable_starttls(context)
end
smtp.start('ruby-client.test', user, password, mechanism.downcase.to_sym) do |session|
  session.send_message(File.binread(path), from, to)
end
