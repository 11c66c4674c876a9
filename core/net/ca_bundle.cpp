#include "net/ca_bundle.h"

#include <QFile>
#include <QFileInfo>

#include <curl/curl.h>

namespace opsdeck {

CaBundleCache::CaBundleCache(QString systemBundlePath)
    : m_systemPath(std::move(systemBundlePath))
{
}

QString CaBundleCache::defaultCurlCaFile()
{
    CURL *easy = curl_easy_init();
    char *path = nullptr;
    QString result;
    if (easy && curl_easy_getinfo(easy, CURLINFO_CAINFO, &path) == CURLE_OK && path)
        result = QString::fromLocal8Bit(path);
    if (easy)
        curl_easy_cleanup(easy);
    return result;
}

QByteArray CaBundleCache::bundleWith(const QString &caFile, QString *error)
{
    const QFileInfo info(caFile);
    const QDateTime modified = info.lastModified();
    if (const auto it = m_entries.constFind(caFile); it != m_entries.constEnd() && it->modified == modified && modified.isValid())
        return it->bundle;

    QFile file(caFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("ca_file %1: cannot read: %2").arg(caFile, file.errorString());
        return {};
    }
    const QByteArray own = file.readAll();
    if (!own.contains("-----BEGIN CERTIFICATE-----")) {
        *error = QStringLiteral("ca_file %1: no PEM certificate in it").arg(caFile);
        return {};
    }
    if (!m_systemRead) {
        m_systemRead = true;
        QFile system(m_systemPath.isEmpty() ? defaultCurlCaFile() : m_systemPath);
        // A system without a CA file (some containers) trusts only the endpoint's own CAs.
        if (!system.fileName().isEmpty() && system.open(QIODevice::ReadOnly))
            m_system = system.readAll();
    }
    QByteArray bundle = m_system;
    if (!bundle.isEmpty() && !bundle.endsWith('\n'))
        bundle += '\n';
    bundle += own;
    m_entries.insert(caFile, {modified, bundle});
    return bundle;
}

} // namespace opsdeck
