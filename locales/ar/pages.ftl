# نصوص صفحات الموقع (العربية الفصحى، بصيغة الجمع للتوقير).
# المفاتيح والمتغيرات نفسها كما في en/pages.ftl؛ كل مفتاح يبدأ بـ "page-".

## إطار الصفحة

page-lang-name = العربية
page-site-name = الندوات الإلكترونية وساعات الاستشارة
page-skip-to-content = الانتقال إلى المحتوى
page-language-switch = اللغة
page-back-to-catalog = كل الندوات القادمة

## قائمة الندوات

page-catalog-title = الندوات القادمة
page-catalog-intro = تعلّموا من فريق نجاح العملاء لدينا: ندوات موضوعية مفتوحة للجميع، وندوات مع خبراء في مجموعات صغيرة يمكنكم فيها مناقشة وضعكم الخاص.
page-filter-kind = النوع
page-filter-kind-all = كل الأنواع
page-kind-regular = ندوة
page-kind-expert = ندوة مع خبير
page-filter-topic = الموضوع
page-filter-submit = عرض
page-catalog-empty = لا توجد ندوات قادمة تطابق اختياركم.
page-catalog-more = الندوات اللاحقة
page-zone-visitor = تُعرض المواعيد بتوقيتكم المحلي ({ $zone }).
page-zone-session = تُعرض المواعيد بتوقيت كل جلسة.
page-time-range = { $start } – { $end } (بتوقيت { $zone })
page-hosted-by = يقدّمها { $host }
page-seats-open = مفتوحة للجميع
page-seats-full = اكتمل العدد – قائمة الانتظار مفتوحة
page-seats-left =
    { $count ->
        [zero] لا توجد مقاعد متبقية
        [one] بقي مقعد واحد
        [two] بقي مقعدان
        [few] بقيت { $count } مقاعد
        [many] بقي { $count } مقعدًا
       *[other] بقي { $count } مقعد
    }

## الندوة واستمارة التسجيل

page-webinar-when = الموعد
page-webinar-host = التقديم
page-webinar-seats = المقاعد
page-register-title = التسجيل
page-register-waitlist-note = اكتمل عدد المشاركين في هذه الندوة. سجّلوا للانضمام إلى قائمة الانتظار: فور شغور مقعد يُمنح للشخص التالي في القائمة، وسنُعلمكم بذلك عبر البريد الإلكتروني.
page-register-closed = التسجيل مغلق: لقد بدأت هذه الجلسة بالفعل أو أُلغيت.
page-field-name = الاسم
page-field-email = البريد الإلكتروني
page-field-email-hint = سنرسل دعوة التقويم إلى هذا العنوان.
page-field-company = الشركة
page-field-optional = اختياري
page-field-situation = وضعكم الحالي
page-field-situation-hint = صِفوا باختصار أين تقفون حاليًا وما الذي تودّون تحقيقه، ليتمكن الخبير من الاستعداد.
page-field-questions = أسئلتكم
page-field-questions-hint = الأسئلة التي تودّون أن نجيب عنها خلال الجلسة.
page-field-consent = نعم، أرغب في تلقي أخبار عن الندوات والمنتجات عبر البريد الإلكتروني. ويمكنني سحب هذه الموافقة في أي وقت.
page-register-submit = سجّلوا الآن
page-register-submit-waitlist = الانضمام إلى قائمة الانتظار
page-form-has-errors = يُرجى مراجعة الحقول المشار إليها أدناه.
page-error-name = يُرجى إدخال اسمكم (سطر واحد، 200 حرف كحد أقصى).
page-error-email = يُرجى إدخال عنوان بريد إلكتروني صحيح، مثل name@company.com.
page-error-company = يُرجى إدخال اسم شركتكم في سطر واحد (200 حرف كحد أقصى).
page-error-situation = يُرجى وصف وضعكم (4000 حرف كحد أقصى): يستعين به الخبير في التحضير للجلسة.
page-error-questions = يُرجى ألا تتجاوز أسئلتكم 1000 حرف.
page-error-form = تعذّرت معالجة بعض البيانات. يُرجى إعادة تحميل الصفحة والمحاولة مرة أخرى.
page-already-registered = عنوان البريد الإلكتروني هذا مسجّل بالفعل في هذه الندوة. وقد أعدنا إرسال التأكيد إليه.
page-already-registered-recent = عنوان البريد الإلكتروني هذا مسجّل بالفعل في هذه الندوة. وقد أعدنا إرسال التأكيد قبل دقائق؛ يُرجى التحقق من مجلد الرسائل غير المرغوب فيها أيضًا.

## التأكيد

page-confirmed-title = تم تسجيلكم
page-confirmed-text = أرسلنا دعوة التقويم إلى { $email }.
page-waitlisted-title = أنتم على قائمة الانتظار
page-waitlisted-text = ترتيبكم في قائمة الانتظار هو { $position }. وفور شغور مقعد سنرسل دعوتكم إلى { $email }.
page-calendar-title = الإضافة إلى التقويم
page-calendar-ics = تنزيل ملف التقويم (.ics)
page-calendar-google = تقويم Google
page-calendar-outlook = Outlook.com
page-manage-hint = يمكنكم الإلغاء في أي وقت عبر الرابط الوارد في رسالتكم أو من هنا:
page-manage-link = إدارة التسجيل

## صفحة إدارة التسجيل (من رابط الرسالة)

page-manage-title = تسجيلكم
page-manage-webinar = الندوة
page-manage-name = الاسم
page-manage-email = البريد الإلكتروني
page-manage-status = الحالة
page-status-confirmed = مؤكَّد
page-status-waitlisted = على قائمة الانتظار (الترتيب { $position })
page-status-cancelled = ملغى
page-cancel-explain = إذا لم يعد بإمكانكم الحضور، يُرجى إلغاء تسجيلكم ليحصل على مقعدكم أحد المنتظرين.
page-cancel-button = إلغاء تسجيلي
page-cancelled-notice = تم إلغاء تسجيلكم.
page-manage-closed = انتهت هذه الجلسة؛ ولم يعد من الممكن تعديل التسجيل.
page-status-offered = مقعد محجوز لكم حتى { $until }
page-seat-chance-label = فرصة الحصول على مقعد
page-seat-chance = { $chance }، بحسب الجلسات السابقة
page-claim-explain = شغر مقعد وقد حجزناه لكم. يمكنكم تأكيده بهذا الزر، وإلا انتقل إلى الشخص التالي في قائمة الانتظار عند انتهاء المهلة.
page-claim-button = تأكيد مقعدي
page-claimed-notice = المقعد لكم الآن، والدعوة في طريقها إلى بريدكم الإلكتروني.
page-claim-missed = لم يعد هذا المقعد محجوزًا لكم: إما انتهت المهلة أو انتقل المقعد إلى شخص آخر.

## ساعات الاستشارة وقائمة الانتظار

page-oh-title = ساعات الاستشارة
page-oh-intro = احجزوا ساعة مع أحد أعضاء فريق نجاح العملاء لمناقشة وضعكم الخاص. تُلبّى الطلبات حسب ترتيب وصولها.
page-oh-slots-title = المواعيد المتاحة
page-oh-zone = تُعرض المواعيد بتوقيت { $zone }.
page-oh-slots-empty = لا توجد مواعيد متاحة خلال الأسبوعين القادمين. يمكنكم مع ذلك الانضمام إلى قائمة الانتظار، وستحصلون على أول موعد يصبح متاحًا.
page-oh-form-title = طلب موعد
page-oh-form-intro = سنعرض عليكم أول موعد متاح، وفي الوقت الذي تفضّلونه قدر الإمكان.
page-oh-email-hint = سنرسل التأكيد وموعدكم إلى هذا العنوان.
page-field-topic = الموضوع
page-field-topic-hint = في كلمات قليلة، مثل "التقارير" أو "إعداد أدوار المستخدمين".
page-oh-situation-hint = صِفوا لنا باختصار أين تقفون وما الذي تودّون تحقيقه، حتى نستعد للمحادثة.
page-oh-preferred = الوقت المفضّل
page-oh-preferred-hint = إذا كان يوم ووقت معيّنان يناسبانكم أكثر من غيرهما، فأخبرونا بهما وسنبحث أولًا عن موعد ضمنهما. الأوقات بتوقيتكم المحلي.
page-oh-day = اليوم
page-oh-day-any = أي يوم
page-oh-from = من
page-oh-to = إلى
page-day-mon = الاثنين
page-day-tue = الثلاثاء
page-day-wed = الأربعاء
page-day-thu = الخميس
page-day-fri = الجمعة
page-day-sat = السبت
page-day-sun = الأحد
page-oh-submit = الانضمام إلى قائمة الانتظار
page-error-topic = يُرجى إدخال موضوع (سطر واحد، 200 حرف كحد أقصى).
page-error-queue-situation = يُرجى وصف وضعكم (4000 حرف كحد أقصى) حتى نستعد للمحادثة.
page-error-preferred = يُرجى اختيار يوم مع وقتَي البداية والنهاية، على أن تكون النهاية بعد البداية.
page-queue-already = يوجد بالفعل طلب مفتوح لعنوان البريد الإلكتروني هذا. يُرجى استخدام الرابط الوارد في الرسالة التي أرسلناها إليكم لعرضه أو تعديله.
page-queue-quota = حصلت شركتكم مؤخرًا على موعد مع فريقنا. يُرجى تقديم طلب جديد لاحقًا.
page-queue-not-eligible = لدى شركتكم مدير نجاح عملاء مخصّص، يُرجى التواصل معه مباشرة.

## بعد الطلب، ورابط التأكيد، وصفحة الإدارة

page-queue-check-mail-title = يُرجى تأكيد طلبكم
page-queue-check-mail-text = أرسلنا رسالة إلى { $email }. يُرجى فتح الرابط الوارد فيها خلال 24 ساعة لتأكيد طلبكم، إذ لا يدخل الطلب قائمة الانتظار إلا بعد تأكيده.
page-queue-waiting-title = أنتم في قائمة الانتظار
page-queue-waiting-text = سنرسل إليكم الدعوة بالبريد الإلكتروني فور توفّر موعد.
page-queue-scheduled-title = تم حجز موعدكم
page-queue-scheduled-text = أرسلنا إليكم دعوة التقويم بالبريد الإلكتروني.
page-queue-topic = الموضوع
page-queue-status = الحالة
page-queue-when = الموعد
page-queue-host = مع
page-queue-status-unconfirmed = بانتظار تأكيدكم
page-queue-status-waiting = في قائمة الانتظار (الترتيب { $position })
page-queue-status-scheduled = تم حجز الموعد
page-queue-status-done = مكتمل
page-queue-status-cancelled = ملغى
page-queue-status-expired = منتهي الصلاحية: لم يُؤكَّد في الوقت المحدد
page-queue-manage-hint = يمكنكم الإلغاء أو طلب موعد آخر عبر الرابط الوارد في رسالتكم أو من هنا:
page-queue-manage-link = إدارة طلبكم
page-queue-confirm-title = تأكيد طلبكم
page-queue-confirm-text = يُرجى تأكيد طلبكم لساعة مع فريق نجاح العملاء. يُحتسب ترتيبكم في قائمة الانتظار من وقت تقديم الطلب.
page-queue-confirm-button = تأكيد طلبي
page-queue-confirmed-title = تم تأكيد طلبكم
page-queue-confirmed-notice = شكرًا لكم، تم تأكيد طلبكم.
page-queue-confirm-closed = لم يعد من الممكن تأكيد هذا الطلب: فقد أُلغي أو لم يُؤكَّد خلال 24 ساعة. يسعدنا أن تقدّموا طلبًا جديدًا.
page-queue-ask-again = طلب موعد
page-queue-manage-title = طلبكم لموعد
page-queue-reschedule-explain = ألا يناسبكم هذا الموعد؟ سنبحث عن أول موعد متاح بعده، وإن لم يوجد فستحتفظون بترتيبكم في قائمة الانتظار.
page-queue-reschedule-button = البحث عن موعد آخر
page-queue-rescheduled-notice = بحثنا لكم عن موعد آخر، وتظهر الحالة الحالية أدناه.
page-queue-not-scheduled = لا يوجد لهذا الطلب موعد يمكن تغييره.
page-queue-cancel-explain = إذا لم تعودوا بحاجة إلى هذا الموعد، يُرجى إلغاء طلبكم ليستفيد منه شخص آخر.
page-queue-cancel-button = إلغاء طلبي
page-queue-cancelled-notice = تم إلغاء طلبكم.

## الأخطاء

page-error-not-found-title = الصفحة غير موجودة
page-error-not-found-text = هذه الصفحة غير موجودة أو لم تعد متاحة. ربما أُزيلت الندوة.
page-error-link-title = هذا الرابط غير صالح
page-error-link-text = قد يكون الرابط ناقصًا أو منتهي الصلاحية. يُرجى استخدام الرابط الوارد في أحدث رسالة وصلتكم.
page-error-closed-title = التسجيل مغلق
page-error-closed-text = لقد بدأت هذه الجلسة بالفعل أو أُلغيت.
page-error-busy-title = طلبات كثيرة جدًا
page-error-busy-text = يُرجى الانتظار قليلًا ثم المحاولة مرة أخرى.
page-error-unavailable-title = الخدمة غير متاحة مؤقتًا
page-error-unavailable-text = الخدمة مشغولة حاليًا. يُرجى المحاولة مرة أخرى بعد بضع دقائق.
page-error-internal-title = حدث خطأ ما
page-error-internal-text = حدث خطأ غير متوقع وقد سجّلناه؛ يُرجى المحاولة لاحقًا.
page-error-bad-request-title = تعذّرت معالجة الطلب
page-error-bad-request-text = يُرجى الرجوع والمحاولة مرة أخرى.

# Between the items of a list written on one line (the free hours of a day).
page-list-separator = {"، "}

## Rating a session after it (the link in the follow-up mail).

page-rate-title = تقييم الجلسة
page-rate-legend = تقييمكم
page-rate-comment = تعليق (اختياري)
page-rate-button = إرسال تقييمي
page-rate-thanks = شكرًا لكم: أُرسل تقييمكم إلى الفريق.
page-rate-already = شكرًا لكم: لقد تلقّينا تقييمكم لهذه الجلسة مسبقًا.
page-rate-not-rateable = لا يقيّم هذه الجلسة إلا المشاركون فيها، وبعد انتهائها فقط.
page-rate-error-score = يُرجى اختيار درجة من 1 إلى 5.
page-rate-error-comment = يجب ألا يتجاوز التعليق 2000 حرف.
