# صفحات التسويق: التقارير (/marketing) والمشاركون والتصدير.

## التنقل
marketing-nav-reports = التقارير
marketing-nav-attendees = المشاركون

## التقارير
marketing-title = التسجيلات والحضور
marketing-intro = حسب الموضوع والأسبوع (من الاثنين إلى الأحد)، وتُحتسب في الأسبوع الذي بدأت فيه كل جلسة.
marketing-range-legend = الفترة
marketing-field-from = من
marketing-field-to = إلى
marketing-show = عرض
marketing-no-data = لم تبدأ أي ندوة عبر الإنترنت في هذه الفترة.
marketing-legend = الموضوعات
marketing-week = الأسبوع الذي يبدأ في
marketing-total = الإجمالي
marketing-no-topic = بلا موضوع
marketing-chart-registrations = التسجيلات في الأسبوع
marketing-chart-registrations-desc = رسم بياني خطي للتسجيلات حسب الموضوع والأسبوع من { $from } إلى { $to }. يعرض الجدول أدناه الأرقام نفسها.
marketing-table-registrations = التسجيلات في الأسبوع (أرقام الرسم البياني)
marketing-chart-attendance = نسبة الحضور في الأسبوع
marketing-chart-attendance-desc = رسم بياني خطي لنسبة المسجلين المؤكدين الذين حضروا، حسب الموضوع والأسبوع من { $from } إلى { $to }. الأسابيع التي لا تسجيلات مؤكدة فيها ليس لها نقطة. يعرض الجدول أدناه الأرقام نفسها.
marketing-table-attendance = نسبة الحضور في الأسبوع (أرقام الرسم البياني)
marketing-rate-of = { $rate } ({ $attended } من { $confirmed })
marketing-rate-none-note = –: لا توجد تسجيلات مؤكدة في ذلك الأسبوع.
marketing-error-date = يُرجى إدخال تاريخ بالصيغة 2027-03-09.
marketing-error-order = لا يجوز أن يسبق تاريخ الانتهاء تاريخ البدء.
marketing-error-too-long = يُرجى اختيار فترة لا تزيد على 104 أسابيع.

## المشاركون
marketing-attendees-title = المشاركون
marketing-attendees-caption = التسجيلات المطابقة لعوامل التصفية
marketing-filters = عوامل التصفية
marketing-field-kind = نوع الندوة
marketing-field-topic = الموضوع
marketing-field-status = حالة التسجيل
marketing-field-attended = الحضور
marketing-field-consent = الموافقة على التسويق
marketing-any = الكل
marketing-status-confirmed = مؤكد
marketing-status-waitlisted = في قائمة الانتظار
marketing-status-cancelled = ملغى
marketing-consent-only = فقط من وافقوا على التسويق
marketing-consent-all = الجميع
marketing-consent-yes = موافق
marketing-consent-no = غير موافق
marketing-apply = تطبيق عوامل التصفية
marketing-download-csv = تنزيل ملف CSV
marketing-attendees-empty = لا توجد تسجيلات مطابقة لعوامل التصفية هذه.
marketing-attendees-more = الصفحة التالية
marketing-col-name = الاسم
marketing-col-email = البريد الإلكتروني
marketing-col-company = الشركة
marketing-col-webinar = الندوة
marketing-col-when = الموعد
marketing-col-status = الحالة
marketing-col-attended = الحضور
marketing-col-consent = الموافقة على التسويق
marketing-error-choice = يُرجى اختيار أحد الخيارات.
marketing-error-topic = لا يزيد الموضوع على 100 حرف.
marketing-error-filters = لا يمكن تطبيق عوامل التصفية هذه. يُرجى التحقق منها.

## ما يسأل عنه العملاء
marketing-topics-title = ما يسأل عنه العملاء
marketing-topics-intro = حسب الموضوع: التسجيلات والحضور في الندوات التي بدأت خلال الفترة، وطلبات قائمة الانتظار المقدَّمة خلالها، والأسئلة المرسلة مسبقًا.
marketing-topics-chart = التسجيلات وطلبات قائمة الانتظار حسب الموضوع
marketing-topics-chart-desc = رسم بياني شريطي لتسجيلات الندوات وطلبات قائمة الانتظار حسب الموضوع من { $from } إلى { $to }. يعرض الجدول أدناه الأرقام نفسها.
marketing-topics-chart-desc-top = رسم بياني شريطي لتسجيلات الندوات وطلبات قائمة الانتظار لأكثر { $count } موضوعًا طلبًا من { $from } إلى { $to }. يعرض الجدول أدناه أرقام جميع الموضوعات.
marketing-topics-caption = الأرقام حسب الموضوع
marketing-topics-col-topic = الموضوع
marketing-topics-col-registrations = التسجيلات
marketing-topics-col-rate = نسبة الحضور
marketing-topics-col-queue = طلبات قائمة الانتظار
marketing-topics-col-questions = الأسئلة المسبقة
marketing-topics-col-recent = أحدث الأسئلة
marketing-topics-note = لا تُقتبس أحدث الأسئلة إلا ممن وافقوا على التسويق. –: لا توجد تسجيلات مؤكدة، أو لا توجد أسئلة يمكن اقتباسها.

## التقييمات من رسالة المتابعة
marketing-ratings-title = كيف قيّم الحضور الجلسات
marketing-ratings-intro = ندوات الفترة التي قيّمها الحضور من رسالة الشكر، على مقياس من 1 (ضعيف) إلى 5 (ممتاز).
marketing-ratings-caption = التقييمات لكل ندوة
marketing-ratings-col-webinar = الندوة
marketing-ratings-col-date = التاريخ
marketing-ratings-col-count = عدد التقييمات
marketing-ratings-col-average = المتوسط (1–5)
