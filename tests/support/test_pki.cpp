#include "test_pki.h"

#include <QFile>
#include <QProcess>

namespace testsupport {

TestPki::TestPki()
{
    m_ok = openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                    QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                    QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                    QStringLiteral("/CN=OpsDeck test CA")})
           && sign(QStringLiteral("server"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("subjectAltName=IP:127.0.0.1\n"));
}

bool TestPki::makeServerFor(const QString &dnsName)
{
    return sign(dnsName, QStringLiteral("/CN=") + dnsName, QStringLiteral("subjectAltName=DNS:%1\n").arg(dnsName));
}

bool TestPki::makeClient(const QString &commonName)
{
    return sign(commonName, QStringLiteral("/CN=") + commonName, QStringLiteral("extendedKeyUsage=clientAuth\n"));
}

bool TestPki::openssl(const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(30000) || p.exitCode() != 0) {
        m_error = QStringLiteral("openssl %1: %2").arg(args.value(0), QString::fromLocal8Bit(p.readAllStandardError()));
        return false;
    }
    return true;
}

bool TestPki::sign(const QString &name, const QString &subject, const QString &extensions)
{
    QFile ext(path(name + QStringLiteral(".ext")));
    if (!ext.open(QIODevice::WriteOnly))
        return false;
    ext.write(extensions.toUtf8());
    ext.close();
    return openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                    QStringLiteral("-keyout"), name + QStringLiteral(".key"), QStringLiteral("-out"), name + QStringLiteral(".csr"),
                    QStringLiteral("-subj"), subject})
           && openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), name + QStringLiteral(".csr"),
                       QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                       QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), name + QStringLiteral(".pem"),
                       QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"), name + QStringLiteral(".ext")});
}

} // namespace testsupport
