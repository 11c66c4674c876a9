#include "cli_context.h"

#include "common/documentation.h"

#include <QFileInfo>

namespace opsdeck::cli {

const Profile *CliContext::loadProfile()
{
    const QString path = parser.isSet(QStringLiteral("config")) ? parser.value(QStringLiteral("config"))
                                                                : defaultConfigPath();
    if (!QFileInfo::exists(path)) {
        err << "error: " << path << ": no configuration yet; write one with `opsdeck-cli config init "
               "[--from-prometheus URL]` or from the console's welcome view (man opsdeck-cli; the format: "
            << documentationPath(QStringLiteral("configuration.md")) << ")" << Qt::endl;
        return nullptr;
    }
    ConfigLoadResult result = loadConfigFile(path);
    for (const QString &w : std::as_const(result.warnings))
        err << "warning: " << w << Qt::endl;
    if (!result.ok()) {
        for (const QString &e : std::as_const(result.errors))
            err << "error: " << e << Qt::endl;
        return nullptr;
    }
    m_config = std::move(result.config);
    const QString name = parser.value(QStringLiteral("profile"));
    const Profile *profile = m_config->profile(name);
    if (!profile) {
        err << "error: " << path << ": no profile named \"" << name << "\" (have: "
            << m_config->profileNames().join(QStringLiteral(", ")) << ")" << Qt::endl;
        return nullptr;
    }
    return profile;
}

} // namespace opsdeck::cli
