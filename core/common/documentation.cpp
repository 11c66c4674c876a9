#include "common/documentation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace opsdeck {

QString documentationPath(const QString &page)
{
    QStringList folders;
    // <prefix>/bin/opsdeck -> <prefix>/share/doc/opsdeck, wherever the package put the prefix.
    if (QCoreApplication::instance())
        folders << QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../" OPSDECK_INSTALL_DOCDIR));
    folders << QStringLiteral(OPSDECK_SOURCE_DOCS);
    for (const QString &folder : std::as_const(folders)) {
        const QString path = page.isEmpty() ? folder : folder + u'/' + page;
        if (QFileInfo::exists(path))
            return QDir::cleanPath(path);
    }
    // Nothing here (a binary copied alone): where the package would have put it.
    return QStringLiteral("/usr/" OPSDECK_INSTALL_DOCDIR) + (page.isEmpty() ? QString() : u'/' + page);
}

} // namespace opsdeck
