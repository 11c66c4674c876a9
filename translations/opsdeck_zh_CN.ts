<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HealthStatus</name>
    <message>
        <location filename="../models/health_model.cpp" line="11"/>
        <source>healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="12"/>
        <source>degraded</source>
        <translation>降级</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="13"/>
        <source>down</source>
        <translation>宕机</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="14"/>
        <source>unreachable</source>
        <translation>无法访问</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="17"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/main.cpp" line="88"/>
        <location filename="../app/main.cpp" line="97"/>
        <source>OpsDeck cannot start</source>
        <translation>OpsDeck 无法启动</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="89"/>
        <source>The configuration could not be loaded:</source>
        <translation>无法加载配置：</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="90"/>
        <source>See docs/configuration.md for the format.</source>
        <translation>配置格式见 docs/configuration.md。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="98"/>
        <source>%1: no profile named &quot;%2&quot;.</source>
        <translation>%1：没有名为“%2”的配置档。</translation>
    </message>
</context>
<context>
    <name>opsdeck::HealthModel</name>
    <message numerus="yes">
        <location filename="../models/health_model.cpp" line="201"/>
        <source>%n s ago</source>
        <translation><numerusform>%n 秒前</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/health_model.cpp" line="203"/>
        <source>%n min ago</source>
        <translation><numerusform>%n 分钟前</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/health_model.cpp" line="204"/>
        <source>%n h ago</source>
        <translation><numerusform>%n 小时前</numerusform></translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="231"/>
        <source>no answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="231"/>
        <source>checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="234"/>
        <source> · flapping</source>
        <translation> · 抖动</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="236"/>
        <source> · stale</source>
        <translation> · 已过期</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="242"/>
        <source>%1 since %2</source>
        <translation>自 %2 起为%1</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="245"/>
        <source>No answer for more than two polling intervals: this is the last known state.</source>
        <translation>超过两个轮询周期没有响应：这是最后已知的状态。</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="247"/>
        <source>Changed state %1 times in the last 10 minutes.</source>
        <translation>过去 10 分钟内状态变化了 %1 次。</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="264"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="276"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="336"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="337"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="338"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="339"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="340"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="341"/>
        <source>Last check</source>
        <translation>上次检查</translation>
    </message>
</context>
<context>
    <name>opsdeck::HealthNotifier</name>
    <message>
        <location filename="../ui/health_notifier.cpp" line="33"/>
        <source>%1 is %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../ui/health_notifier.cpp" line="34"/>
        <source>%1 recovered</source>
        <translation>%1 已恢复</translation>
    </message>
    <message>
        <location filename="../ui/health_notifier.cpp" line="35"/>
        <source>Now %1 (was %2).</source>
        <translation>现在为%1（之前为%2）。</translation>
    </message>
</context>
<context>
    <name>opsdeck::HealthPanel</name>
    <message>
        <location filename="../ui/health_panel.cpp" line="42"/>
        <source>Filter services, reasons, versions…</source>
        <translation>筛选服务、原因、版本…</translation>
    </message>
    <message>
        <location filename="../ui/health_panel.cpp" line="45"/>
        <source>Check now</source>
        <translation>立即检查</translation>
    </message>
    <message>
        <location filename="../ui/health_panel.cpp" line="46"/>
        <source>Check every service&apos;s health endpoints now</source>
        <translation>立即检查所有服务的健康端点</translation>
    </message>
    <message>
        <location filename="../ui/health_panel.cpp" line="137"/>
        <source>Select a service to see its state changes.</source>
        <translation>选择一个服务以查看其状态变化。</translation>
    </message>
    <message>
        <location filename="../ui/health_panel.cpp" line="138"/>
        <source>State changes of %1</source>
        <translation>%1 的状态变化</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/health_panel.cpp" line="160"/>
        <source>%n stale</source>
        <translation><numerusform>%n 个已过期</numerusform></translation>
    </message>
</context>
<context>
    <name>opsdeck::HealthTransitionModel</name>
    <message>
        <location filename="../models/health_transition_model.cpp" line="83"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../models/health_transition_model.cpp" line="84"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../models/health_transition_model.cpp" line="85"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../models/health_transition_model.cpp" line="86"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>opsdeck::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="35"/>
        <location filename="../ui/main_window.cpp" line="179"/>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="69"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="70"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="73"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="77"/>
        <source>&amp;Lock panels</source>
        <translation>锁定面板(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="80"/>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="82"/>
        <source>&amp;Notifications</source>
        <translation>通知(&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="83"/>
        <source>Notify when a service goes down or recovers</source>
        <translation>服务宕机或恢复时通知</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="92"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="93"/>
        <source>&amp;About OpsDeck</source>
        <translation>关于 OpsDeck(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="94"/>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="99"/>
        <source>Profile</source>
        <translation>配置档</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="102"/>
        <source>Profile: </source>
        <translation>配置档：</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="153"/>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="153"/>
        <source>read-write</source>
        <translation>读写</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="154"/>
        <source>%1 · %2 · operator %3</source>
        <translation>%1 · %2 · 操作员 %3</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="155"/>
        <source>OpsDeck — %1</source>
        <translation>OpsDeck — %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="177"/>
        <source>Health: waiting for answers</source>
        <translation>健康：等待响应</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="177"/>
        <source>Health: %1</source>
        <translation>健康：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="179"/>
        <source>Health — %1</source>
        <translation>健康状况 — %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="233"/>
        <source>About OpsDeck</source>
        <translation>关于 OpsDeck</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="234"/>
        <source>&lt;h3&gt;OpsDeck %1&lt;/h3&gt;&lt;p&gt;A native operations console: health, metrics, alerts, databases, backups and deployments in one calm window.&lt;/p&gt;&lt;p&gt;Built with Qt %2. Configuration: &lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;OpsDeck %1&lt;/h3&gt;&lt;p&gt;原生运维控制台：健康、指标、告警、数据库、备份与部署，尽在一个安静的窗口中。&lt;/p&gt;&lt;p&gt;基于 Qt %2 构建。配置文件：&lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
</context>
</TS>
