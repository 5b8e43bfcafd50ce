// The zh/en text table.
#include "ui/strings.hpp"

#include <cstdlib>
#include <string>

namespace ca::ui {

namespace {

struct Entry {
    Text text;
    std::string_view zh, en;
};

// Every text of the viewer in both languages: data, not logic.
constexpr Entry kTable[] = {
    {Text::Layers, "图层", "Layers"},
    {Text::Legend, "图例", "Legend"},
    {Text::Features, "要素", "features"},
    {Text::FitToData, "全图 (Home)", "Fit to data (Home)"},
    {Text::NoLayers, "没有打开的数据。用 countyatlas view 文件 打开村界、项目点等。",
     "No data open. Open village boundaries, project sites... with: countyatlas view FILE"},
    {Text::Cursor, "光标", "Cursor"},
    {Text::Scale, "比例尺", "Scale"},
    {Text::WorkingCrs, "工作坐标系", "Working CRS"},
    {Text::DataCrs, "数据坐标系", "Data CRS"},
    {Text::LanguageName, "English", "中文"},
    {Text::RoleVillages, "村界", "villages"},
    {Text::RoleTownships, "乡镇界", "townships"},
    {Text::RoleSites, "项目点", "project sites"},
    {Text::RoleLines, "线状设施", "lines"},
    {Text::RolePonds, "坝塘水窖", "ponds"},
    {Text::RoleDem, "高程", "elevation"},
    {Text::RoleUnknown, "未识别", "unknown"},
    {Text::Repaired, "已修复", "repaired"},
    {Text::Skipped, "已跳过", "skipped"},
    {Text::Visible, "显示", "Show"},
    {Text::Opacity, "不透明度", "Opacity"},
    {Text::Up, "上移", "Up"},
    {Text::Down, "下移", "Down"},
    {Text::Remove, "移除", "Remove"},
    {Text::ZoomTo, "缩放至", "Zoom to"},
    {Text::ColourBy, "村着色", "Colour villages by"},
    {Text::TownshipTint, "按乡镇", "township"},
    {Text::Method, "分级方法", "Method"},
    {Text::Classes, "级数", "Classes"},
    {Text::Labels, "标注", "Labels"},
    {Text::LabelChinese, "汉字", "Hanzi"},
    {Text::LabelPinyin, "拼音", "Pinyin"},
    {Text::SiteFilter, "项目筛选", "Project filter"},
    {Text::UpToYear, "截至年度", "Up to year"},
    {Text::AllYears, "全部年度", "all years"},
    {Text::Search, "查找", "Search"},
    {Text::SearchHint, "村或乡镇名，汉字或拼音", "village or township, hanzi or pinyin"},
    {Text::NoMatch, "没有找到", "no match"},
    {Text::Statistics, "乡镇统计", "Townships"},
    {Text::Township, "乡镇", "Township"},
    {Text::Villages, "村数", "Villages"},
    {Text::Population, "人口", "Population"},
    {Text::PoorPopulation, "贫困人口", "Poor people"},
    {Text::PovertyRate, "贫困发生率", "Poverty rate"},
    {Text::Income, "人均纯收入", "Income"},
    {Text::PoorVillages, "贫困村", "Poor villages"},
    {Text::Covered, "已覆盖", "Covered"},
    {Text::Sites, "项目", "Projects"},
    {Text::FundsWan, "资金(万元)", "Funds (10k yuan)"},
    {Text::Total, "合计", "Total"},
    {Text::Attributes, "属性表", "Table"},
    {Text::Filter, "筛选", "Filter"},
    {Text::Identify, "要素信息", "Identify"},
    {Text::NothingSelected, "点击地图上的村查看信息。", "Click a village on the map to see its data."},
    {Text::PlacedByPoint, "按坐标", "by their point"},
    {Text::PlacedByName, "按村名", "by village name"},
    {Text::ReviewNumber, "审图号", "Map review no."},
    {Text::CompiledBy, "编制单位", "Compiled by"},
    {Text::Poorest, "最贫困地区", "Poorest"},
    {Text::ShowUncovered, "在地图上标出未覆盖的贫困村", "Outline poor villages without a project"},
    {Text::Uncovered, "未覆盖贫困村", "Uncovered poor villages"},
    {Text::Rank, "排名", "Rank"},
    {Text::Village, "村", "Village"},
    {Text::Lisa, "贫困聚集 (LISA)", "poverty clusters (LISA)"},
    {Text::Quantile, "分位数", "quantile"},
    {Text::EqualInterval, "等间距", "equal interval"},
    {Text::NaturalBreaks, "自然断点", "natural breaks"},
    {Text::StdDev, "标准差", "standard deviation"},
    {Text::Manual, "手动", "manual"},
    {Text::Count, "个", "features"},
    {Text::ProjectFile, "项目文件", "Project file"},
    {Text::Save, "保存项目", "Save project"},
    {Text::AddData, "打开此文件", "Open this file"},
    {Text::DropHint, "数据文件也可拖到窗口上。", "Data files can also be dropped on the window."},
    {Text::ExportMap, "导出地图…", "Export map…"},
    {Text::ExportTitle, "标题", "Title"},
    {Text::ExportPage, "纸张", "Page"},
    {Text::ExportFile, "文件 (.pdf .png .svg)", "File (.pdf .png .svg)"},
    {Text::ExportButton, "导出", "Export"},
    {Text::ColourSitesBy, "项目着色", "Colour projects by"},
    {Text::ByType, "项目类型", "type"},
    {Text::ByYear, "年度", "year"},
    {Text::ByStatus, "进度", "status"},
    {Text::ByBatch, "批次", "batch"},
    {Text::Status, "进度", "Status"},
    {Text::Batch, "批次", "Batch"},
    {Text::All, "全部", "all"},
    {Text::FillColour, "填充", "Fill"},
    {Text::StrokeColour, "边线", "Stroke"},
    {Text::LineWidth, "线宽", "Width"},
    {Text::SymbolSize, "符号大小", "Symbol size"},
    {Text::LoadingData, "正在读取数据…", "Reading the data…"},
    {Text::PreparingMap, "正在绘制地图…", "Building the map…"},
    {Text::PoorPerKm2, "贫困人口密度（人/km²）", "poor people per km²"},
    {Text::Coverage, "贫困村项目覆盖率", "coverage of poor villages"},
    {Text::FundsPerPoor, "人均帮扶资金（元）", "funds per poor person (yuan)"},
    {Text::ByVillage, "按村", "by village"},
    {Text::ByTownship, "按乡镇", "by township"},
    {Text::Fields, "字段", "field"},
    {Text::DefaultFigureTitle, "扶贫项目分布图", "Poverty-alleviation projects"},
    {Text::FieldMapping, "字段对应", "Fields"},
    {Text::Symbol, "符号", "Symbol"},
    {Text::Circle, "圆点", "circle"},
    {Text::Square, "方块", "square"},
    {Text::Triangle, "三角", "triangle"},
    {Text::Exporting, "正在导出", "Exporting"},
    {Text::SaveTable, "保存表格", "Save table"},
    {Text::FilteredCounts, "只统计筛选出的项目", "Counting the filtered projects only"},
    {Text::Role, "图层类型", "Role"},
    {Text::Play, "逐年播放", "Play year by year"},
    {Text::Stop, "停止", "Stop"},
    {Text::OpenData, "打开数据", "Open data"},
    {Text::ParentFolder, "上一级", "Up"},
    {Text::Open, "打开", "Open"},
    {Text::Folder, "文件夹", "Folder"},
    {Text::ComputingStatistics, "正在计算统计…", "Computing statistics…"},
    {Text::RedrawingMap, "正在重绘地图…", "Redrawing the map…"},
    {Text::Cancel, "取消", "Cancel"},
    {Text::DatabasePassword, "数据库密码", "Database password"},
    {Text::DatabaseAsksPassword, "数据库要求输入密码：", "The database asks for a password:"},
    {Text::PasswordKeptInMemory, "密码只在本次运行中使用，不会写入任何文件。", "The password is used for this session only and never written to a file."},
    {Text::Problems, "问题", "Problems"},
    {Text::NoProblems, "没有问题：每一行都已计入。", "No problems: every row is counted."},
    {Text::Errors, "错误", "Errors"},
    {Text::Warnings, "警告", "Warnings"},
    {Text::Notes, "说明", "Notes"},
    {Text::MapFields, "对应字段…", "Map fields…"},
    {Text::NoFieldFor, "未识别的字段", "no field recognised for"},
    {Text::LayerNamed, "图层", "layer"},
    {Text::RowNumbered, "第 {} 行", "row {}"},
    {Text::FeatureNumbered, "要素 {}", "feature {}"},
    {Text::ProblemsFiltered, "所选类别中没有问题。", "No problems of the kinds ticked."},
    {Text::Edit, "编辑", "Edit"},
    {Text::StopEditing, "结束编辑", "Stop editing"},
    {Text::Undo, "撤销 (Ctrl+Z)", "Undo (Ctrl+Z)"},
    {Text::Redo, "重做 (Ctrl+Y)", "Redo (Ctrl+Y)"},
    {Text::SaveEdits, "保存 (Ctrl+S)", "Save (Ctrl+S)"},
    {Text::EditHintPoints, "单击空白处：新增；拖动：移动；Delete：删除所选", "Click empty map: add; drag: move; Delete: delete the selected"},
    {Text::EditHintShapes, "拖动节点：移动节点；Delete：删除所选", "Drag a vertex: move it; Delete: delete the selected"},
    {Text::NewFeature, "新增项目", "New project"},
    {Text::Ok, "确定", "OK"},
    {Text::UnsavedEdits, "有未保存的修改。关闭前保存吗？", "There are unsaved edits. Save them before closing?"},
    {Text::SaveAndClose, "保存并关闭", "Save and close"},
    {Text::Discard, "不保存", "Discard"},
    {Text::ChangedOnDisk, "以下文件在读取后被其他程序修改过，直接保存会覆盖别人的修改：",
     "These files were changed by another program since they were read; saving would overwrite those changes:"},
    {Text::Reload, "重新读取（放弃这些文件的修改）", "Reload (drop the edits to them)"},
    {Text::Overwrite, "仍然覆盖", "Overwrite anyway"},
    {Text::SetRows, "批量设置", "Set"},
    {Text::RowsPicked, "已选 {} 行（Ctrl+单击多选）", "{} rows picked (Ctrl+click picks more)"},
    {Text::Candidates, "可能是：", "Perhaps:"},
    {Text::NoCandidates, "没有相近的村名。", "No village name comes close."},
    {Text::EditedFeatures, "{} 处未保存", "{} unsaved"},
    {Text::NothingToSave, "没有需要保存的修改", "nothing to save"},
    {Text::SaveAsGeoPackage, "另存为 GeoPackage", "Save as GeoPackage"},
    {Text::ImportSheet, "导入项目表", "Import a project sheet"},
    {Text::ReadSheet, "读取", "Read"},
    {Text::ImportInto, "导入到", "Into"},
    {Text::AppendRows, "追加 {} 行", "Append {} rows"},
    {Text::AlreadyInList, "已在表中", "already in the list"},
    {Text::NotImported, "表中无对应字段、不导入的列：", "Columns with no field in the list, not imported:"},
    {Text::ImportRowCol, "行", "Row"},
    {Text::InVillage, "村", "village"},
    {Text::MatchedTo, "落到", "Placed in"},
    {Text::NoSuchVillage, "找不到此村：请改村名", "no such village: correct the name"},
    {Text::NoSuchTownship, "找不到此乡镇：请改乡镇名", "no such township: correct it"},
    {Text::SeveralVillages, "同名村不止一个：请填乡镇", "several villages of that name: give the township"},
    {Text::NoVillageName, "没有村名", "no village name"},
    {Text::PickOnMap, "在地图上指定…", "Pick on the map…"},
    {Text::ClickToPlace, "单击地图上的位置放置该项目（Esc 取消）", "Click the map where this project is (Esc cancels)"},
};

}  // namespace

std::string_view tr(Text text, Language language) {
    for (const Entry& e : kTable)
        if (e.text == text) return language == Language::Chinese ? e.zh : e.en;
    return {};
}

std::string t(Text text, Language language, std::size_t number) {
    std::string out(tr(text, language));
    if (const auto at = out.find("{}"); at != std::string::npos) out.replace(at, 2, std::to_string(number));
    return out;
}

Language language_from_environment() {
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value && *value) return std::string(value).rfind("zh", 0) == 0 ? Language::Chinese : Language::English;
    }
    return Language::English;
}

}  // namespace ca::ui
